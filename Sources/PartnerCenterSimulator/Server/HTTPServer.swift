import NIOCore
import NIOHTTP1
import NIOPosix

/// The listening socket: SwiftNIO's HTTP/1.1 server pipeline with one `HTTPRequestHandler` per connection.
final class HTTPServer: Sendable {
    private let group: MultiThreadedEventLoopGroup
    private let channel: any Channel

    /// Binds `host:port` (0 picks a free port) and starts serving `router`.
    static func start(host: String, port: Int, threads: Int, router: SimulatorRouter) async throws -> HTTPServer {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: max(1, threads))
        do {
            let channel = try await ServerBootstrap(group: group)
                .serverChannelOption(.backlog, value: 256)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
                .childChannelOption(.maxMessagesPerRead, value: 16)
                .childChannelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                        try channel.pipeline.syncOperations.addHandler(HTTPRequestHandler(router: router))
                    }
                }
                .bind(host: host, port: port)
                .get()
            return HTTPServer(group: group, channel: channel)
        } catch {
            try? await group.shutdownGracefully()
            throw error
        }
    }

    private init(group: MultiThreadedEventLoopGroup, channel: any Channel) {
        self.group = group
        self.channel = channel
    }

    /// The bound port.
    var port: Int { channel.localAddress?.port ?? 0 }

    /// Closes the listener and the event loops.
    func stop() async throws {
        try? await channel.close()
        try await group.shutdownGracefully()
    }
}
