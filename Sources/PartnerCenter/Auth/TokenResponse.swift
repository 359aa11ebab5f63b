import ETLCore

/// A token endpoint's JSON answer, success or error. `expires_in` may be a number or a string.
struct TokenResponse: Sendable {
    var accessToken: Secret?
    var refreshToken: Secret?
    var expiresIn: Int64?
    /// OAuth error code (`invalid_grant`, `authorization_pending`, ...).
    var error: String?
    /// The `AADSTS…` code from `error_description`, when there is one (the rest of the text is not kept).
    var aadstsCode: String?
    /// Device-code fields.
    var deviceCode: Secret?
    var userCode: String?
    var verificationURI: String?
    var interval: Int64?
    var message: String?

    init(body: [UInt8]) {
        guard case .object(let members)? = try? JSONValue.parse(body) else { return }
        func text(_ key: String) -> String? {
            switch members[key] {
            case .string(let value)?: return value
            case .number(let value)?: return value
            default: return nil
            }
        }
        accessToken = text("access_token").map { Secret($0) }
        refreshToken = text("refresh_token").map { Secret($0) }
        expiresIn = text("expires_in").flatMap { Int64($0) ?? Double($0).map { Int64($0) } }
        error = text("error")
        aadstsCode = text("error_description").flatMap(Self.aadsts)
        deviceCode = text("device_code").map { Secret($0) }
        userCode = text("user_code")
        verificationURI = text("verification_uri") ?? text("verification_url")
        interval = text("interval").flatMap { Int64($0) }
        message = text("message")
    }

    /// `AADSTS700082` from `AADSTS700082: The refresh token has expired ...`.
    private static func aadsts(_ description: String) -> String? {
        guard description.hasPrefix("AADSTS") else { return nil }
        let code = description.prefix { $0.isLetter || $0.isNumber }
        return String(code.prefix(16))
    }

    /// Secret-free facts for errors and logs.
    var context: [String: String] {
        var context: [String: String] = [:]
        if let error { context["oauth.error"] = error }
        if let aadstsCode { context["oauth.aadsts"] = aadstsCode }
        return context
    }
}
