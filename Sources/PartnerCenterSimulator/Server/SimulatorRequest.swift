import Foundation

/// One HTTP request as the router sees it: method, path, decoded query parameters, headers, body.
struct SimulatorRequest: Sendable {
    var method: String
    /// The path, percent-decoded (`/v1.0/engagements/referrals`).
    var path: String
    /// The query string as received, without `?`.
    var rawQuery: String
    /// Decoded query parameters, in order.
    var parameters: [(name: String, value: String)]
    /// Header names lowercased.
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    init(method: String, uri: String, headers: [(name: String, value: String)], body: [UInt8]) {
        self.method = method
        let parts = uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        self.path = FormURLEncoding.percentDecode(String(parts.first ?? ""), plusAsSpace: false)
        self.rawQuery = parts.count > 1 ? String(parts[1]) : ""
        self.parameters = FormURLEncoding.decode(rawQuery)
        self.headers = headers.map { ($0.name.lowercased(), $0.value) }
        self.body = body
    }

    /// The first value of header `name` (case-insensitive).
    func header(_ name: String) -> String? {
        let lower = name.lowercased()
        return headers.first { $0.name == lower }?.value
    }

    /// The first value of query parameter `name`.
    func parameter(_ name: String) -> String? { parameters.first { $0.name == name }?.value }

    /// The bearer token of the `Authorization` header, if any.
    var bearerToken: String? {
        guard let value = header("authorization") else { return nil }
        let parts = value.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        return String(parts[1]).trimmingCharacters(in: .whitespaces)
    }
}
