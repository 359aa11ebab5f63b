import Logging

/// Dispatches a request: `/admin/...`, `/{tenant}/oauth2/v2.0/...`, or the referrals API (token, faults,
/// then the listing or one referral). Adds `request-id`, echoes `client-request-id` and `MS-CorrelationId`,
/// and records every non-admin request.
struct SimulatorRouter: Sendable {
    let state: SimulatorState

    func handle(_ request: SimulatorRequest) -> SimulatorResponse {
        if request.path.hasPrefix("/admin/") { return decorate(AdminEndpoint(state: state).handle(request), request) }
        var response = route(request)
        response = decorate(response, request)
        state.record(
            RequestLogEntry(
                method: request.method, path: request.path, query: request.rawQuery,
                hasAuthorization: request.header("authorization") != nil, status: response.status,
                clientRequestId: request.header("client-request-id"), correlationId: request.header("ms-correlationid"))
        )
        state.logger.debug(
            "request",
            metadata: [
                "http.method": "\(request.method)", "http.path": "\(request.path)", "http.status": "\(response.status)",
            ])
        return response
    }

    private func decorate(_ response: SimulatorResponse, _ request: SimulatorRequest) -> SimulatorResponse {
        var response = response
        response.setHeader("request-id", state.newRequestID())
        if let id = request.header("client-request-id") { response.setHeader("client-request-id", id) }
        if let id = request.header("ms-correlationid") { response.setHeader("ms-correlationid", id) }
        return response
    }

    private func route(_ request: SimulatorRequest) -> SimulatorResponse {
        let segments = request.path.split(separator: "/").map(String.init)
        if segments.count == 4, segments[1] == "oauth2", segments[2] == "v2.0",
            ["token", "devicecode"].contains(segments[3])
        {
            return TokenEndpoint(state: state).handle(request, tenant: segments[0], action: segments[3])
        }
        let resource: ArraySlice<String>
        if segments.starts(with: ["v1.0", "engagements", "referrals"]) {
            resource = segments.dropFirst(3)
        } else if segments.starts(with: ["v1.0", "referrals"]) {
            if state.faults.withLock({ $0.configuration.legacyPathNotFound }) { return notFound(request) }
            resource = segments.dropFirst(2)
        } else {
            return notFound(request)
        }
        guard resource.count <= 1 else { return notFound(request) }
        guard request.method == "GET" else {
            return .apiError(
                405, code: "invalidRequest", message: "The method \(request.method) is not supported here.")
        }
        if let refusal = authorize(request) { return refusal }
        if let interruption = state.faults.withLock({ $0.interruption() }) { return Self.response(for: interruption) }
        var response =
            resource.first.map { ReferralsEndpoint(state: state).get(id: $0) }
            ?? ReferralsEndpoint(state: state).list(request)
        response.delayMilliseconds = state.faults.withLock { $0.configuration.pageDelayMilliseconds }
        return response
    }

    /// 401 with the documented error body, or nil when the bearer token is good.
    private func authorize(_ request: SimulatorRequest) -> SimulatorResponse? {
        let faults = state.faults.withLock { $0.configuration }
        let check = state.tokens.withLock {
            $0.check(
                request.bearerToken, maxRequests: faults.accessTokenMaxRequests,
                lifetime: faults.accessTokenLifetimeSeconds, now: .now)
        }
        let inner: (String, String)
        switch check {
        case .valid: return nil
        case .missing: inner = ("missingToken", "The request has no bearer token.")
        case .invalid: inner = ("invalidToken", "The bearer token is not valid.")
        case .expired: inner = ("tokenExpired", "The bearer token has expired.")
        }
        var response = SimulatorResponse.apiError(
            401, code: "unauthenticated", message: inner.1, target: "authorization", innerCode: inner.0)
        response.setHeader("www-authenticate", #"Bearer error="invalid_token""#)
        return response
    }

    private static func response(for interruption: FaultInjector.Interruption) -> SimulatorResponse {
        switch interruption {
        case .throttle(let seconds):
            var r = SimulatorResponse.apiError(
                429, code: "tooManyRequests", message: "Rate limit is exceeded. Try again later.")
            r.setHeader("retry-after", String(seconds))
            return r
        case .serverError(let status, let retryAfter):
            var r =
                status == 503
                ? SimulatorResponse.apiError(
                    503, code: "serviceNotAvailable", message: "The service is temporarily unavailable.")
                : SimulatorResponse.apiError(500, code: "generalException", message: "An unexpected error occurred.")
            if let retryAfter { r.setHeader("retry-after", String(retryAfter)) }
            return r
        }
    }

    private func notFound(_ request: SimulatorRequest) -> SimulatorResponse {
        .apiError(404, code: "itemNotFound", message: "No resource at \(request.path).", target: "path")
    }
}
