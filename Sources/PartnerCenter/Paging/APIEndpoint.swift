/// The configured API origin (`PARTNER_CENTER_API_BASE_URL`): the only place the bearer token is ever sent.
///
/// Plain `http` is accepted only for a loopback host (127.0.0.0/8, `::1`, `localhost`): the simulator and tests.
public struct APIEndpoint: Sendable, Equatable {
    /// `https`, or `http` for loopback.
    public let scheme: String
    /// The host, lowercased, without brackets for IPv6.
    public let host: String
    /// The explicit port, if the base URL had one.
    public let port: Int?
    /// A path prefix before `/v1.0/...`, without a trailing slash (usually empty).
    public let basePath: String

    /// The documented collection path.
    public static let referralsPath = "/v1.0/engagements/referrals"
    /// The path the documented `nextLink` examples use (missing `/engagements`).
    public static let oddReferralsPath = "/v1.0/referrals"

    /// Parses and checks a base URL such as `https://api.partner.microsoft.com` or `http://127.0.0.1:8080`.
    public init(baseURL: String) throws(PartnerCenterError) {
        guard let parts = URLParts(baseURL), parts.scheme == "https" || parts.scheme == "http" else {
            throw PartnerCenterError(
                .configuration, "the API base URL must be an absolute http(s) URL", context: ["url": baseURL])
        }
        guard parts.pathAndQuery.firstIndex(where: { $0 == "?" || $0 == "#" }) == nil else {
            throw PartnerCenterError(
                .configuration, "the API base URL must not have a query", context: ["url": baseURL])
        }
        if parts.scheme == "http", !Self.isLoopback(parts.host) {
            throw PartnerCenterError(
                .configuration, "plain http is allowed only for a loopback API host; use https",
                context: ["host": parts.host])
        }
        scheme = parts.scheme
        host = parts.host
        port = parts.port
        var path = parts.pathAndQuery
        while path.hasSuffix("/") { path.removeLast() }
        basePath = path
    }

    /// `scheme://host[:port]`.
    public var origin: String {
        let hostText = host.contains(":") ? "[\(host)]" : host
        return "\(scheme)://\(hostText)" + (port.map { ":\($0)" } ?? "")
    }

    /// The first page's URL for `query`.
    public func firstPageURL(_ query: ReferralQuery) -> String {
        let queryString = query.queryString
        return origin + basePath + Self.referralsPath + (queryString.isEmpty ? "" : "?" + queryString)
    }

    /// True for 127.0.0.0/8, `::1` and `localhost`.
    public static func isLoopback(_ host: String) -> Bool {
        let host = host.lowercased()
        if host == "localhost" || host == "::1" || host == "0:0:0:0:0:0:0:1" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4, octets[0] == "127" else { return false }
        return octets.allSatisfy { octet in UInt8(octet).map { _ in true } ?? false }
    }
}

/// A URL split into scheme, authority and the rest, without decoding or re-encoding anything.
struct URLParts: Equatable {
    var scheme: String
    var host: String
    var port: Int?
    /// Everything after the authority, verbatim (`/path?query`).
    var pathAndQuery: String

    init?(_ url: String) {
        guard let colon = url.firstIndex(of: ":"), url[colon...].hasPrefix("://"), colon != url.startIndex else {
            return nil
        }
        scheme = url[..<colon].lowercased()
        let afterScheme = url[url.index(colon, offsetBy: 3)...]
        let authorityEnd = afterScheme.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? afterScheme.endIndex
        var authority = afterScheme[..<authorityEnd]
        pathAndQuery = String(afterScheme[authorityEnd...])
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            host = String(authority[authority.index(after: authority.startIndex)..<close])
            let rest = authority[authority.index(after: close)...]
            if rest.hasPrefix(":") { portText = rest.dropFirst() } else if !rest.isEmpty { return nil }
        } else if let colon = authority.lastIndex(of: ":") {
            host = String(authority[..<colon])
            portText = authority[authority.index(after: colon)...]
        } else {
            host = String(authority)
        }
        host = host.lowercased()
        while host.hasSuffix(".") { host.removeLast() }
        guard !host.isEmpty else { return nil }
        if let portText, !portText.isEmpty {
            guard let port = Int(portText), (1...65535).contains(port) else { return nil }
            self.port = port
        } else {
            port = nil
        }
    }
}
