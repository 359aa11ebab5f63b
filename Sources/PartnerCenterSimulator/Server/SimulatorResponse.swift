import Foundation

/// One HTTP response the router produced, with how and when to deliver it.
struct SimulatorResponse: Sendable {
    var status: Int
    var headers: [(name: String, value: String)] = [("content-type", "application/json")]
    var body: [UInt8]
    var delivery: FaultInjector.Delivery = .whole
    var delayMilliseconds = 0

    /// A JSON body.
    static func json(_ status: Int, _ body: [UInt8]) -> SimulatorResponse {
        SimulatorResponse(status: status, body: body)
    }

    /// `value` encoded as JSON.
    static func json<T: Encodable>(_ status: Int, encoding value: T) -> SimulatorResponse {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return json(status, Array((try? encoder.encode(value)) ?? Data("{}".utf8)))
    }

    /// The documented API error body: `{"error":{"code","message","target","innerError":{"code","message"}}}`.
    static func apiError(
        _ status: Int, code: String, message: String, target: String? = nil, innerCode: String? = nil
    ) -> SimulatorResponse {
        var error = JSONObject()
        error["code"] = .string(code)
        error["message"] = .string(message)
        if let target { error["target"] = .string(target) }
        if let innerCode {
            error["innerError"] = .object(JSONObject(["code": .string(innerCode), "message": .string(message)]))
        }
        return json(status, JSONValue.object(JSONObject(["error": .object(error)])).renderedBytes())
    }

    /// An OAuth error body (`{"error":"invalid_grant","error_description":"AADSTS70000: ..."}`).
    static func oauthError(_ status: Int, _ error: String, _ description: String) -> SimulatorResponse {
        let body = JSONObject([
            "error": .string(error), "error_description": .string(description),
            "error_codes": .array([.number(String(description.prefix { $0 != ":" }.dropFirst(6)))]),
        ])
        return json(status, JSONValue.object(body).renderedBytes())
    }

    /// Adds (or replaces) a header.
    mutating func setHeader(_ name: String, _ value: String) {
        headers.removeAll { $0.name == name }
        headers.append((name, value))
    }
}
