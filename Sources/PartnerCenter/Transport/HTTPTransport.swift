/// One HTTP request as the client sends it: the seam between the API logic and the network.
public struct HTTPRequest: Sendable, Equatable {
    public var method: String
    /// The absolute URL, already percent-encoded.
    public var url: String
    /// Header fields in order; names compare case-insensitively.
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]?

    public init(
        method: String = "GET", url: String, headers: [(name: String, value: String)] = [], body: [UInt8]? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    /// The first value of the header `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    public static func == (lhs: HTTPRequest, rhs: HTTPRequest) -> Bool {
        lhs.method == rhs.method && lhs.url == rhs.url && lhs.body == rhs.body
            && lhs.headers.map { "\($0.name.lowercased()): \($0.value)" }
                == rhs.headers.map { "\($0.name.lowercased()): \($0.value)" }
    }
}

/// One complete HTTP response: status, headers and the whole body.
public struct HTTPResponse: Sendable, Equatable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first value of the header `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    public static func == (lhs: HTTPResponse, rhs: HTTPResponse) -> Bool {
        lhs.status == rhs.status && lhs.body == rhs.body
            && lhs.headers.map { "\($0.name.lowercased()): \($0.value)" }
                == rhs.headers.map { "\($0.name.lowercased()): \($0.value)" }
    }
}

/// Why a request got no complete response. Retried per `RetryPolicy` (`timeout`, `connectionFailure`).
public struct HTTPTransportError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// No complete response within the connect or read timeout.
        case timeout
        /// The connection could not be made, or broke before the response was complete.
        case connectionFailure
        /// The request itself could not be sent (e.g. an invalid URL): not retried.
        case invalidRequest
        /// The server's TLS certificate could not be verified (or the handshake failed): not retried.
        case tlsFailure
        /// The body is longer than the transport accepts: not retried.
        case bodyTooLarge
    }

    public var kind: Kind
    /// One line, without the URL's query or any header (so without secrets).
    public var detail: String

    public init(_ kind: Kind, _ detail: String) {
        self.kind = kind
        self.detail = detail
    }

    public var description: String { "\(kind): \(detail)" }
}

/// Sends one HTTP request and returns the whole response. The real conformer is `AsyncHTTPClientTransport`;
/// tests use an in-memory fake. Implementations never follow redirects (a redirect could carry the bearer
/// token to another host) and throw `HTTPTransportError` when no complete response arrives.
public protocol HTTPTransport: Sendable {
    /// Sends `request`; returns any complete response, whatever its status.
    func send(_ request: HTTPRequest) async throws -> HTTPResponse
}
