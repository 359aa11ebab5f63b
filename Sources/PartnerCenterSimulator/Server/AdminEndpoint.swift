import Foundation

/// The loopback test hooks under `/admin/` (no token needed): mutations, the request log, all referrals,
/// faults, device-code approval, health.
struct AdminEndpoint: Sendable {
    let state: SimulatorState

    func handle(_ request: SimulatorRequest) -> SimulatorResponse {
        switch (request.method, request.path) {
        case ("POST", "/admin/mutate"):
            let count = Int(request.parameter("count") ?? "") ?? 1
            let new = Int(request.parameter("new") ?? "") ?? 0
            return .json(200, encoding: state.store.withLock { $0.mutate(count: count, new: new) })
        case ("GET", "/admin/requests"):
            return .json(200, encoding: state.log.current)
        case ("DELETE", "/admin/requests"):
            let cleared = state.log.withLock { log in
                defer { log.removeAll() }
                return log.count
            }
            return .json(200, encoding: ["cleared": cleared])
        case ("GET", "/admin/referrals"):
            return .json(200, state.store.withLock { $0.allJSON() })
        case ("GET", "/admin/faults"):
            return .json(200, encoding: state.faults.withLock { $0.configuration })
        case ("POST", "/admin/faults"), ("PUT", "/admin/faults"):
            do {
                let faults = try JSONDecoder().decode(FaultConfiguration.self, from: Data(request.body))
                state.faults.withLock { $0 = FaultInjector(faults) }
                return .json(200, encoding: faults)
            } catch {
                return .apiError(
                    400, code: "invalidRequest", message: "The body is not a valid fault configuration: \(error)")
            }
        case ("POST", "/admin/devicecode/approve"):
            let userCode = request.parameter("user_code") ?? ""
            let approved = state.tokens.withLock { $0.approve(userCode: userCode) }
            return approved
                ? .json(200, encoding: ["approved": userCode])
                : .apiError(404, code: "itemNotFound", message: "No device code with user code '\(userCode)'.")
        case ("GET", "/admin/health"):
            let (count, now) = state.store.withLock { ($0.records.count, $0.now) }
            return .json(200, encoding: ["status": "ok", "referrals": String(count), "now": now.iso8601()])
        default:
            return .apiError(404, code: "itemNotFound", message: "No admin endpoint \(request.method) \(request.path).")
        }
    }
}
