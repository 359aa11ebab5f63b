/// One request the simulator answered (admin requests excepted), as `GET /admin/requests` lists it.
public struct RequestLogEntry: Sendable, Equatable, Codable {
    public var method: String
    public var path: String
    /// The raw query string, without `?`.
    public var query: String
    /// Whether the request carried an `Authorization` header (of any kind).
    public var hasAuthorization: Bool
    public var status: Int
    public var clientRequestId: String?
    public var correlationId: String?
}
