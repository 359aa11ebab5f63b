/// The API's error body, `{"error":{"code","message",...}}`: the code (matched case-insensitively: the docs
/// write both `unAuthorized` and `unauthenticated`) and the message, cut to one line of at most 300 characters.
struct APIErrorBody: Equatable {
    var code: String?
    var message: String?

    init(code: String? = nil, message: String? = nil) {
        self.code = code
        self.message = message
    }

    init(body: [UInt8]) {
        guard case .object(let top)? = try? JSONValue.parse(body) else { return }
        let error: [String: JSONValue]
        if case .object(let inner)? = top["error"] { error = inner } else { error = top }
        if case .string(let code)? = error["code"] { self.code = code }
        if case .string(let message)? = error["message"] {
            let line = message.split(whereSeparator: \.isNewline).joined(separator: " ")
            self.message = line.count > 300 ? String(line.prefix(300)) + "…" : line
        }
    }

    /// The code, lowercased, for comparisons.
    var normalizedCode: String? { code?.lowercased() }

    /// Context entries for an error.
    var context: [String: String] {
        var context: [String: String] = [:]
        if let code { context["api.code"] = code }
        if let message { context["api.message"] = message }
        return context
    }
}
