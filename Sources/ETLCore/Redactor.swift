import Foundation

/// Removes secrets from text a server sent (an API error message, a token endpoint's `error_description`, a
/// database message) before it becomes an error, a log line or a row.
///
/// Every `Secret` the process creates registers itself here, and so does the database password; `scrub`
/// replaces each of them, then masks bearer-token- and JWT-shaped substrings that no registered secret
/// covered (a server may echo a token we never held). Secrets shorter than 4 characters are not registered:
/// masking them would garble ordinary words and they protect nothing.
public enum Redactor {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var secrets: Set<String> = []

    /// What replaces a secret.
    public static let mask = "<redacted>"

    /// Remembers `secret` so that `scrub` removes it from now on.
    public static func register(_ secret: String) {
        guard secret.count >= 4 else { return }
        lock.withLock { _ = secrets.insert(secret) }
    }

    /// `text` without any registered secret, bearer token or JWT-shaped substring.
    public static func scrub(_ text: String) -> String {
        let known = lock.withLock { secrets }.sorted { $0.count > $1.count }
        var clean = text
        for secret in known where clean.contains(secret) {
            clean = clean.replacingOccurrences(of: secret, with: mask)
        }
        clean = clean.replacing(#/(?i)\b(bearer)\s+[A-Za-z0-9\-._~+\/]{8,}=*/#) { "\($0.output.1) \(mask)" }
        clean = clean.replacing(#/eyJ[A-Za-z0-9_\-]{4,}\.[A-Za-z0-9_\-]{4,}\.[A-Za-z0-9_\-]*/#) { _ in mask }
        return clean
    }

    /// `values` with every value scrubbed.
    public static func scrub(_ values: [String: String]) -> [String: String] { values.mapValues(scrub) }
}
