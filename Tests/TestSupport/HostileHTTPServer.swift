import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A loopback HTTP/1.1 server that misbehaves on purpose, one thread per connection, for tests of waits and
/// secrets: it answers each request with a script of steps (bytes, pauses, close) chosen by `respond`.
///
/// Not the simulator (which is faithful): this one trickles bodies, echoes secrets and sends huge headers.
public final class HostileHTTPServer: @unchecked Sendable {
    /// One step of an answer.
    public enum Step: Sendable {
        /// Send these bytes.
        case send(String)
        /// Wait this many seconds.
        case pause(Double)
    }

    /// The first line and headers of a request, as received.
    public struct Request: Sendable {
        public var method: String
        public var target: String
        public var head: String
    }

    /// `http://127.0.0.1:PORT`.
    public let baseURL: String
    private let listener: Int32
    // @unchecked: `requests` and `stopped` are guarded by `lock`; `respond` is immutable.
    private let lock = NSLock()
    private var received: [Request] = []
    private var stopped = false
    private let respond: @Sendable (Request) -> [Step]

    /// Starts listening on a free loopback port.
    public init(_ respond: @escaping @Sendable (Request) -> [Step]) throws {
        self.respond = respond
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var one: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(listener, $0, length) == 0 && getsockname(listener, $0, &length) == 0
            }
        }
        guard bound, listen(listener, 16) == 0 else {
            close(listener)
            throw CocoaError(.fileWriteUnknown)
        }
        self.listener = listener
        baseURL = "http://127.0.0.1:\(UInt16(bigEndian: address.sin_port))"
        Thread.detachNewThread { [self] in acceptLoop() }
    }

    /// An answer with this status, headers and body, sent at once.
    public static func answer(_ status: Int, headers: [String] = [], body: String) -> [Step] {
        let head = (["HTTP/1.1 \(status) X", "Content-Length: \(body.utf8.count)", "Connection: close"] + headers)
        return [.send(head.joined(separator: "\r\n") + "\r\n\r\n" + body)]
    }

    /// Every request received so far.
    public var requests: [Request] { lock.withLock { received } }

    /// Stops accepting connections (connections in progress end with their script).
    public func stop() {
        let first = lock.withLock {
            defer { stopped = true }
            return !stopped
        }
        if first { shutdown(listener, Int32(SHUT_RDWR)) }
    }

    deinit {
        stop()
        close(listener)
    }

    private func acceptLoop() {
        while !lock.withLock({ stopped }) {
            let client = accept(listener, nil, nil)
            guard client >= 0 else { return }
            Thread.detachNewThread { [self] in serve(client) }
        }
    }

    private func serve(_ client: Int32) {
        defer { close(client) }
        var head = [UInt8]()
        var byte: UInt8 = 0
        while !head.ends(with: [13, 10, 13, 10]) {
            guard recv(client, &byte, 1, 0) == 1 else { return }
            head.append(byte)
        }
        let text = String(decoding: head, as: UTF8.self)
        let first = text.split(separator: "\r\n").first?.split(separator: " ") ?? []
        let request = Request(
            method: first.first.map(String.init) ?? "", target: first.dropFirst().first.map(String.init) ?? "",
            head: text)
        lock.withLock { received.append(request) }
        for step in respond(request) {
            switch step {
            case .send(let text):
                let bytes = Array(text.utf8)
                var offset = 0
                while offset < bytes.count {
                    let n = bytes[offset...].withUnsafeBytes {
                        send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
                    }
                    guard n > 0 else { return }
                    offset += n
                }
            case .pause(let seconds):
                Thread.sleep(forTimeInterval: seconds)
            }
        }
    }
}

extension Array where Element == UInt8 {
    fileprivate func ends(with suffix: [UInt8]) -> Bool {
        count >= suffix.count && Array(self[(count - suffix.count)...]) == suffix
    }
}
