import Foundation

/// Keeps the password of a database URL or conninfo string out of libpq's parse errors.
///
/// libpq quotes the fragment it could not parse (`invalid percent-encoded token: "p%zz"`, `missing "=" after
/// "secret"`), which may be a piece of the password. Every quoted fragment that lies within the userinfo of a
/// URL or the value of `password=` is replaced by `<redacted>`. Also says whether a URL carries a password
/// and prints it without.
public struct ConninfoRedaction: Sendable {
    /// The text that may hold the password: the URL's userinfo, or the conninfo's `password=` value up to the
    /// next `key=`.
    let region: String?
    private let text: String
    private let isURL: Bool

    /// Reads where the password would be in `conninfo` (a URL or key=value pairs); never fails.
    public init(_ conninfo: String) {
        text = conninfo
        isURL = conninfo.contains("://")
        if let scheme = conninfo.range(of: "://"), let at = conninfo.range(of: "@", options: .backwards),
            scheme.upperBound <= at.lowerBound
        {
            region = String(conninfo[scheme.upperBound..<at.lowerBound])
        } else if let key = conninfo.range(of: "password", options: .caseInsensitive),
            let equals = conninfo[key.upperBound...].firstIndex(of: "=")
        {
            let rest = conninfo[conninfo.index(after: equals)...]
            let next = rest.range(of: #"\s+[A-Za-z_]+\s*="#, options: .regularExpression)?.lowerBound ?? rest.endIndex
            region = String(rest[..<next])
        } else {
            region = nil
        }
    }

    /// Whether the URL or conninfo carries a password of its own (`user:password@` or `password=`).
    public var hasPassword: Bool {
        guard let region, !region.isEmpty else { return false }
        return !isURL || region.contains(":")
    }

    /// The URL or conninfo without its password, to print (e.g. `demo --keep`).
    public func withoutPassword() -> String {
        guard hasPassword, let region else { return text }
        if isURL {
            let user = region.prefix { $0 != ":" }
            return text.replacingOccurrences(of: region + "@", with: user + "@")
        }
        return text.replacingOccurrences(of: region, with: "").replacing(#/(?i)password\s*=\s*/#, with: "")
            .trimmingCharacters(in: .whitespaces)
    }

    /// `message` with every double-quoted fragment that occurs in the password region redacted.
    func scrub(_ message: String) -> String {
        guard let region, !region.isEmpty else { return message }
        var output = ""
        var rest = Substring(message)
        while let open = rest.firstIndex(of: "\"") {
            output += rest[..<open]
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(of: "\"") else {
                output += "\"<redacted>"
                return output
            }
            let quoted = rest[afterOpen..<close]
            output += quoted.isEmpty || !region.contains(quoted) ? "\"\(quoted)\"" : "\"<redacted>\""
            rest = rest[rest.index(after: close)...]
        }
        return output + rest
    }
}
