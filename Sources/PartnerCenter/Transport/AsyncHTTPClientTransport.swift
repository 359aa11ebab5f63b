import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// `HTTPTransport` over AsyncHTTPClient, with its own `HTTPClient` so connect and read timeouts can be set.
///
/// Redirects are disallowed (a 3xx is returned as is). The client is shut down by `shutdown()` or, failing
/// that, when this object is released.
public final class AsyncHTTPClientTransport: HTTPTransport {
    private let client: HTTPClient
    /// The longest body accepted, in bytes (a page is ~300 KB; the default allows 64 MB).
    public let maxBodyBytes: Int
    private let requestTimeout: TimeAmount

    /// - Parameters:
    ///   - connectTimeout: seconds to establish a connection.
    ///   - readTimeout: seconds without data before a request fails; also bounds the whole exchange at 4×.
    public init(connectTimeout: Double = 10, readTimeout: Double = 60, maxBodyBytes: Int = 64 << 20) {
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        configuration.timeout = .init(
            connect: .milliseconds(Int64(connectTimeout * 1000)), read: .milliseconds(Int64(readTimeout * 1000)))
        configuration.decompression = .disabled
        self.client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        self.maxBodyBytes = maxBodyBytes
        self.requestTimeout = .milliseconds(Int64(readTimeout * 4000))
    }

    deinit {
        _ = client.shutdown()
    }

    /// Closes the connections. Optional: releasing the transport does it too.
    public func shutdown() async throws {
        try await client.shutdown()
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = HTTPMethod(rawValue: request.method)
        for header in request.headers { outgoing.headers.add(name: header.name, value: header.value) }
        if let body = request.body { outgoing.body = .bytes(ByteBuffer(bytes: body)) }
        do {
            let response = try await client.execute(outgoing, timeout: requestTimeout)
            var buffer = try await response.body.collect(upTo: maxBodyBytes)
            let bytes = buffer.readBytes(length: buffer.readableBytes) ?? []
            let headers = response.headers.map { (name: $0.name, value: $0.value) }
            return HTTPResponse(status: Int(response.status.code), headers: headers, body: bytes)
        } catch let error as HTTPClientError {
            throw Self.classify(error)
        } catch let error as HTTPTransportError {
            throw error
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw HTTPTransportError(.connectionFailure, String(describing: type(of: error)))
        }
    }

    private static func classify(_ error: HTTPClientError) -> HTTPTransportError {
        switch error {
        case .readTimeout, .connectTimeout, .deadlineExceeded, .writeTimeout:
            return HTTPTransportError(.timeout, error.shortDescription)
        case .invalidURL, .emptyHost, .emptyScheme:
            return HTTPTransportError(.invalidRequest, error.shortDescription)
        case .cancelled:
            return HTTPTransportError(.connectionFailure, "cancelled")
        default:
            return HTTPTransportError(.connectionFailure, error.shortDescription)
        }
    }
}

extension HTTPClientError {
    /// The error's own one-line text (it never includes headers).
    fileprivate var shortDescription: String { String(describing: self) }
}
