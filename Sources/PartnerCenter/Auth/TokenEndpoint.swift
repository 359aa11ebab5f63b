import ETLCore

/// The Microsoft identity platform's v2.0 endpoints for one tenant and app registration.
public struct TokenEndpoint: Sendable, Equatable {
    /// The default authority.
    public static let defaultAuthority = "https://login.microsoftonline.com"
    /// The delegated scope of the Partner Center referrals API, plus `offline_access` for a refresh token.
    public static let defaultScope = "https://api.partner.microsoft.com/user_impersonation offline_access"

    /// The authority, without a trailing slash (e.g. `https://login.microsoftonline.com`).
    public var authority: String
    public var tenantID: String
    public var clientID: String
    /// The app's client secret; nil for a public client.
    public var clientSecret: Secret?
    public var scope: String

    public init(
        authority: String = TokenEndpoint.defaultAuthority, tenantID: String, clientID: String,
        clientSecret: Secret? = nil, scope: String = TokenEndpoint.defaultScope
    ) {
        var authority = authority
        while authority.hasSuffix("/") { authority.removeLast() }
        self.authority = authority
        self.tenantID = tenantID
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.scope = scope
    }

    /// `{authority}/{tenant}/oauth2/v2.0/token`.
    public var tokenURL: String { "\(authority)/\(QueryEncoding.encode(tenantID))/oauth2/v2.0/token" }
    /// `{authority}/{tenant}/oauth2/v2.0/devicecode`.
    public var deviceCodeURL: String { "\(authority)/\(QueryEncoding.encode(tenantID))/oauth2/v2.0/devicecode" }
    /// The token cache key: authority, tenant and client id.
    public var cacheKey: String { "\(authority)|\(tenantID)|\(clientID)" }

    /// Checks the authority: https, or http to loopback only (a client secret travels there).
    public func validate() throws(PartnerCenterError) {
        guard let parts = URLParts(authority), parts.scheme == "https" || parts.scheme == "http" else {
            throw PartnerCenterError(.configuration, "PARTNER_CENTER_AUTHORITY_URL must be an absolute https URL")
        }
        if parts.scheme == "http", !APIEndpoint.isLoopback(parts.host) {
            throw PartnerCenterError(
                .configuration, "plain http is allowed only for a loopback authority; use https",
                context: ["host": parts.host])
        }
    }

    /// A form-urlencoded POST to `url` with `fields` (values encoded once; the client id and secret added).
    func formRequest(_ url: String, _ fields: [(String, String)], includeSecret: Bool = true) -> HTTPRequest {
        var all = fields
        all.append(("client_id", clientID))
        if includeSecret, let clientSecret { all.append(("client_secret", clientSecret.revealed)) }
        let body = all.map { "\($0.0)=\(FormEncoding.encode($0.1))" }.joined(separator: "&")
        return HTTPRequest(
            method: "POST", url: url,
            headers: [
                ("Content-Type", "application/x-www-form-urlencoded"), ("Accept", "application/json"),
            ], body: Array(body.utf8))
    }
}

/// `application/x-www-form-urlencoded` value encoding: unreserved characters kept, everything else `%XX`.
enum FormEncoding {
    static func encode(_ value: String) -> String {
        var out = ""
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".unicodeScalars)
                out.unicodeScalars.append("%")
                out.unicodeScalars.append(hex[Int(byte >> 4)])
                out.unicodeScalars.append(hex[Int(byte & 0x0F)])
            }
        }
        return out
    }
}
