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

    /// Seconds one exchange may take in all, headers and body: a body trickling in never outlasts it.
    public let exchangeTimeout: Double

    /// - Parameters:
    ///   - connectTimeout: seconds to establish a connection.
    ///   - readTimeout: seconds without data before a request fails.
    ///   - exchangeTimeout: seconds for the whole exchange, headers and body (default 4× `readTimeout`).
    public init(
        connectTimeout: Double = 10, readTimeout: Double = 60, exchangeTimeout: Double? = nil,
        maxBodyBytes: Int = 64 << 20
    ) {
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        configuration.timeout = .init(
            connect: .milliseconds(Int64(connectTimeout * 1000)), read: .milliseconds(Int64(readTimeout * 1000)))
        configuration.decompression = .disabled
        // One connection per slice: `--slices` goes up to 32 (AsyncHTTPClient's default is 8 per host).
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 32
        self.client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        self.maxBodyBytes = maxBodyBytes
        self.exchangeTimeout = exchangeTimeout ?? readTimeout * 4
        self.requestTimeout = .milliseconds(Int64(self.exchangeTimeout * 1000))
    }

    deinit {
        _ = client.shutdown()
    }

    /// Closes the connections. Optional: releasing the transport does it too.
    public func shutdown() async throws {
        try await client.shutdown()
    }

    /// Sends `request` under one deadline (`exchangeTimeout`) covering the headers and the whole body.
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let limit = exchangeTimeout
        return try await withThrowingTaskGroup(of: HTTPResponse?.self) { group in
            group.addTask { try await self.exchange(request) }
            group.addTask {
                try await Task.sleep(nanoseconds: UInt64(limit * 1_000_000_000))
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let response = first else {
                throw HTTPTransportError(
                    .timeout, "no complete response within \(limit) s (headers and body, one deadline)")
            }
            return response
        }
    }

    private func exchange(_ request: HTTPRequest) async throws -> HTTPResponse {
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
        } catch is NIOTooManyBytesError {
            throw HTTPTransportError(.bodyTooLarge, "the response body is over the \(maxBodyBytes >> 20) MiB cap")
        } catch {
            let type = String(reflecting: Swift.type(of: error))
            if type.contains("NIOSSL") || type.contains("BoringSSL") {
                throw HTTPTransportError(.tlsFailure, "TLS handshake failed: \(String(describing: error).prefix(300))")
            }
            throw HTTPTransportError(.connectionFailure, String(describing: Swift.type(of: error)))
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
