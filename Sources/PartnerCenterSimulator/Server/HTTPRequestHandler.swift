import NIOCore
import NIOHTTP1

/// Collects one HTTP/1.1 request, asks the router, and writes the response, applying the delivery faults
/// (delay, truncated body, connection dropped mid-body).
final class HTTPRequestHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let router: SimulatorRouter
    private var head: HTTPRequestHead?
    private var body: ByteBuffer?

    init(router: SimulatorRouter) { self.router = router }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            self.body = context.channel.allocator.buffer(capacity: 0)
        case .body(var part):
            body?.writeBuffer(&part)
        case .end:
            guard let head else { return }
            let bytes = body.map { Array($0.readableBytesView) } ?? []
            self.head = nil
            self.body = nil
            let request = SimulatorRequest(
                method: head.method.rawValue, uri: head.uri, headers: head.headers.map { ($0.name, $0.value) },
                body: bytes)
            let response = router.handle(request)
            let keepAlive = head.isKeepAlive
            if response.delayMilliseconds > 0 {
                context.eventLoop.assumeIsolated().scheduleTask(in: .milliseconds(Int64(response.delayMilliseconds))) {
                    self.write(response, keepAlive: keepAlive, context: context)
                }
            } else {
                write(response, keepAlive: keepAlive, context: context)
            }
        }
    }

    private func write(_ response: SimulatorResponse, keepAlive: Bool, context: ChannelHandlerContext) {
        var headers = HTTPHeaders(response.headers.map { ($0.name, $0.value) })
        let send: ArraySlice<UInt8>
        switch response.delivery {
        case .whole:
            send = response.body[...]
            headers.replaceOrAdd(name: "content-length", value: String(send.count))
        case .truncated:
            send = response.body.prefix(response.body.count / 2)
            headers.replaceOrAdd(name: "content-length", value: String(send.count))
        case .dropped:
            send = response.body.prefix(response.body.count / 2)
            headers.replaceOrAdd(name: "content-length", value: String(response.body.count))
        }
        if !keepAlive { headers.replaceOrAdd(name: "connection", value: "close") }
        let status = HTTPResponseStatus(statusCode: response.status)
        context.write(
            wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: send)))), promise: nil)
        if response.delivery == .dropped {
            context.flush()
            context.close(promise: nil)
            return
        }
        let end = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        if !keepAlive {
            let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
            end.whenComplete { _ in loopBound.value.close(promise: nil) }
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
