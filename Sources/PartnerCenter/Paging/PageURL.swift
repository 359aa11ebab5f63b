/// A page's URL as it may appear in an error or a log line: the query's values under names that usually carry
/// a credential (`sig`, `token`, `access_token`, `code`, `key`, `password`, `secret`, ...) replaced by
/// `<redacted>`. The bearer token itself never is in a URL; a signed link's signature might be.
public enum PageURL {
    /// Query parameter names (lowercased, without `$`) whose values are never shown.
    static let secretNames: Set<String> = [
        "sig", "signature", "token", "access_token", "refresh_token", "id_token", "code", "key", "api_key",
        "apikey", "password", "secret", "client_secret", "x-amz-signature", "x-goog-signature",
    ]

    /// `url` with credential-like query values redacted, nothing else changed.
    public static func redacted(_ url: String) -> String {
        guard let mark = url.firstIndex(of: "?") else { return url }
        let query = url[url.index(after: mark)...]
        let pairs = query.split(separator: "&", omittingEmptySubsequences: false).map { pair -> String in
            let name = pair.prefix { $0 != "=" }
            let bare = name.lowercased().drop { $0 == "$" }
            guard secretNames.contains(String(bare)), name.count < pair.count else { return String(pair) }
            return name + "=<redacted>"
        }
        return url[..<mark] + "?" + pairs.joined(separator: "&")
    }
}
