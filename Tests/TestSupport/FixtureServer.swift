import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// A loopback HTTP server that serves hostile pages exactly as given: chosen bytes, status and headers for a
/// request target, nothing computed. The page corpus (`Tests/Corpus`) runs the built binary against it.
///
/// Requests are matched against the routes in order by their raw target (`/path?query`, byte for byte as
/// received); a route's responses are served in turn, the last one repeating. Unmatched requests get a 404.
public final class FixtureServer: Sendable {
    /// One canned response.
    public struct Response: Sendable {
        /// The HTTP status.
        public var status: Int
        /// Extra headers (`content-type: application/json` is added unless given).
        public var headers: [(name: String, value: String)]
        /// The body, sent as is.
        public var body: [UInt8]
        /// When set, only this many bytes of the body are sent (with the full `content-length`), then the
        /// connection is closed: a body cut off mid-way.
        public var truncateAfter: Int?

        public init(
            status: Int = 200, headers: [(name: String, value: String)] = [], body: [UInt8], truncateAfter: Int? = nil
        ) {
            self.status = status
            self.headers = headers
            self.body = body
            self.truncateAfter = truncateAfter
        }
    }

    /// Responses for the requests whose target is `target` (or starts with it when it ends with `*`).
    public struct Route: Sendable {
        /// The raw request target, `/path?query`; a trailing `*` matches any rest.
        public var target: String
        /// Served in turn; the last one repeats.
        public var responses: [Response]

        public init(target: String, responses: [Response]) {
            self.target = target
            self.responses = responses
        }

        func matches(_ requested: String) -> Bool {
            target.hasSuffix("*") ? requested.hasPrefix(target.dropLast()) : requested == target
        }
    }

    /// A request the server received.
    public struct Received: Sendable, Equatable {
        /// The raw request target.
        public var target: String
        /// The `Authorization` header, if any.
        public var authorization: String?
        /// The status answered.
        public var status: Int
    }

    private let group: MultiThreadedEventLoopGroup
    private let channel: any Channel
    private let state: FixtureState

    /// Starts a server on a free loopback port with no routes yet.
    public static func start() async throws -> FixtureServer {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let state = FixtureState()
        do {
            let channel = try await ServerBootstrap(group: group)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                        try channel.pipeline.syncOperations.addHandler(FixtureHandler(state: state))
                    }
                }
                .bind(host: "127.0.0.1", port: 0)
                .get()
            return FixtureServer(group: group, channel: channel, state: state)
        } catch {
            try? await group.shutdownGracefully()
            throw error
        }
    }

    private init(group: MultiThreadedEventLoopGroup, channel: any Channel, state: FixtureState) {
        self.group = group
        self.channel = channel
        self.state = state
    }

    /// `http://127.0.0.1:<port>`.
    public var origin: String { "http://127.0.0.1:\(channel.localAddress?.port ?? 0)" }

    /// Replaces the routes (and forgets how far each was served).
    public func serve(_ routes: [Route]) { state.withLock { $0 = FixtureState.Value(routes: routes) } }

    /// Every request received so far, in order.
    public func received() -> [Received] { state.withLock { $0.received } }

    /// Closes the listener and the event loop.
    public func stop() async throws {
        try? await channel.close()
        try await group.shutdownGracefully()
    }
}

/// The routes, how many times each was served, and the request log, behind a lock.
final class FixtureState: @unchecked Sendable {
    struct Value {
        var routes: [FixtureServer.Route] = []
        var served: [Int: Int] = [:]
        var received: [FixtureServer.Received] = []
    }
    private let lock = NSLock()
    private var value = Value()

    func withLock<T>(_ body: (inout Value) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }

    /// The response for `target`, logged.
    func respond(to target: String, authorization: String?) -> FixtureServer.Response {
        withLock { value in
            var response = FixtureServer.Response(status: 404, body: Array(#"{"error":{"code":"NotFound"}}"#.utf8))
            if let index = value.routes.firstIndex(where: { $0.matches(target) }) {
                let responses = value.routes[index].responses
                let turn = value.served[index, default: 0]
                value.served[index] = turn + 1
                if let last = responses.last { response = turn < responses.count ? responses[turn] : last }
            }
            value.received.append(.init(target: target, authorization: authorization, status: response.status))
            return response
        }
    }
}

/// Reads one request, writes its canned response (whole, or cut off and closed).
final class FixtureHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let state: FixtureState
    private var head: HTTPRequestHead?

    init(state: FixtureState) { self.state = state }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head): self.head = head
        case .body: break
        case .end:
            guard let head else { return }
            self.head = nil
            let response = state.respond(to: head.uri, authorization: head.headers.first(name: "authorization"))
            write(response, context: context)
        }
    }

    /// Writes the response and closes the connection (every request stands alone: no keep-alive state
    /// carries a fault from one response into the next); a truncated one is closed before its end.
    private func write(_ response: FixtureServer.Response, context: ChannelHandlerContext) {
        var headers = HTTPHeaders(response.headers.map { ($0.name, $0.value) })
        if !headers.contains(name: "content-type") { headers.add(name: "content-type", value: "application/json") }
        headers.replaceOrAdd(name: "content-length", value: String(response.body.count))
        headers.replaceOrAdd(name: "connection", value: "close")
        let status = HTTPResponseStatus(statusCode: response.status)
        let sent = response.truncateAfter.map { response.body.prefix($0) } ?? response.body[...]
        let parts: [HTTPServerResponsePart] =
            [.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))]
            + [.body(.byteBuffer(context.channel.allocator.buffer(bytes: sent)))]
            + (response.truncateAfter == nil ? [.end(nil)] : [])
        for part in parts.dropLast() { context.write(wrapOutboundOut(part), promise: nil) }
        let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
        context.writeAndFlush(wrapOutboundOut(parts[parts.count - 1]))
            .whenComplete { _ in loopBound.value.close(promise: nil) }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
