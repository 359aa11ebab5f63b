import NIOCore
import NIOHTTP1
import NIOPosix

/// A response as `LoopbackHTTPClient` received it.
public struct LoopbackHTTPResponse: Sendable {
    public var status: Int
    /// Header names lowercased.
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    /// The first value of header `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        let lower = name.lowercased()
        return headers.first { $0.name == lower }?.value
    }
}

/// A tiny HTTP/1.1 client for tests and the simulator's own checks: one connection per request, no
/// redirects, no retries, and a failure when the connection closes before the body is complete.
/// It shares nothing with the `PartnerCenter` client, so tests of the simulator cannot hide its bugs.
public enum LoopbackHTTPClient {
    /// What can go wrong below HTTP.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Sends one request to an `http://host:port/path?query` URL (already percent-encoded).
    public static func send(
        _ method: String = "GET", _ url: String, headers: [(String, String)] = [], body: [UInt8] = []
    ) async throws -> LoopbackHTTPResponse {
        guard url.hasPrefix("http://") else { throw Failure(description: "not an http URL: \(url)") }
        let rest = url.dropFirst("http://".count)
        let authority = rest.prefix { $0 != "/" }
        let target = rest.dropFirst(authority.count)
        let hostPort = authority.split(separator: ":")
        guard hostPort.count == 2, let port = Int(hostPort[1]) else { throw Failure(description: "no port in \(url)") }
        let host = String(hostPort[0])
        let collector = ResponseCollector()
        let promise = MultiThreadedEventLoopGroup.singleton.next().makePromise(of: LoopbackHTTPResponse.self)
        let channel: any Channel
        do {
            channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHTTPClientHandlers()
                        try channel.pipeline.syncOperations.addHandler(
                            ResponseHandler(collector: collector, promise: promise))
                    }
                }
                .connect(host: host, port: port)
                .get()
        } catch {
            promise.fail(error)
            throw error
        }
        var head = HTTPRequestHead(
            version: .http1_1, method: HTTPMethod(rawValue: method), uri: target.isEmpty ? "/" : String(target))
        head.headers.add(name: "host", value: String(authority))
        head.headers.add(name: "connection", value: "close")
        head.headers.add(name: "content-length", value: String(body.count))
        for (name, value) in headers { head.headers.add(name: name, value: value) }
        channel.write(HTTPClientRequestPart.head(head), promise: nil)
        if !body.isEmpty {
            channel.write(HTTPClientRequestPart.body(.byteBuffer(ByteBuffer(bytes: body))), promise: nil)
        }
        channel.writeAndFlush(HTTPClientRequestPart.end(nil), promise: nil)
        defer { channel.close(promise: nil) }
        return try await promise.futureResult.get()
    }
}

/// Where the handler accumulates the response (only touched on the channel's event loop).
private final class ResponseCollector: @unchecked Sendable {
    var head: HTTPResponseHead?
    var body: [UInt8] = []
}

private final class ResponseHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPClientResponsePart
    private let collector: ResponseCollector
    private let promise: EventLoopPromise<LoopbackHTTPResponse>
    private var done = false

    init(collector: ResponseCollector, promise: EventLoopPromise<LoopbackHTTPResponse>) {
        self.collector = collector
        self.promise = promise
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head): collector.head = head
        case .body(let buffer): collector.body.append(contentsOf: buffer.readableBytesView)
        case .end:
            guard let head = collector.head, !done else { return }
            done = true
            promise.succeed(
                LoopbackHTTPResponse(
                    status: Int(head.status.code), headers: head.headers.map { ($0.name.lowercased(), $0.value) },
                    body: collector.body))
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail("connection error: \(error)")
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        fail("connection closed before the response was complete (\(collector.body.count) body bytes)")
    }

    private func fail(_ message: String) {
        guard !done else { return }
        done = true
        promise.fail(LoopbackHTTPClient.Failure(description: message))
    }
}
