/// Removes a connection's password from any text before it reaches a message or a log.
struct SecretRedactor: Sendable {
    let password: String?

    func scrub(_ text: String) -> String {
        guard let password, password.count >= 1 else { return text }
        return text.replacingOccurrences(of: password, with: "<redacted>")
    }
}
