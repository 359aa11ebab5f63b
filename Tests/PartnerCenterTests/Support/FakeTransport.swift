import Foundation
import PartnerCenter

/// An in-memory `HTTPTransport` for pure tests: answers each request with `respond` and records every request.
///
/// `respond` receives the request and its 0-based position among all requests sent so far.
final class FakeTransport: HTTPTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var sent: [HTTPRequest] = []
    private let respond: @Sendable (HTTPRequest, Int) throws -> HTTPResponse

    init(_ respond: @escaping @Sendable (HTTPRequest, Int) throws -> HTTPResponse) {
        self.respond = respond
    }

    /// Every request sent, in order.
    var requests: [HTTPRequest] { lock.withLock { sent } }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let index = lock.withLock {
            sent.append(request)
            return sent.count - 1
        }
        return try respond(request, index)
    }
}

/// A `RetryClock` that never sleeps: it advances its own time by each sleep and records the sleeps.
final class TestClock: RetryClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Timestamp
    private var slept: [Double] = []
    private let fixedRandom: Double

    init(now: Timestamp = Timestamp(parsing: "2025-01-01T00:00:00Z") ?? Timestamp(ticks: 0), random: Double = 0.5) {
        self.current = now
        self.fixedRandom = random
    }

    var sleeps: [Double] { lock.withLock { slept } }

    func now() -> Timestamp { lock.withLock { current } }

    func advance(seconds: Int64) { lock.withLock { current = current.adding(seconds: seconds) } }

    func sleep(seconds: Double) async throws {
        lock.withLock {
            slept.append(seconds)
            current = Timestamp(ticks: current.ticks + Int64(seconds * Double(Timestamp.ticksPerSecond)))
        }
    }

    func random() -> Double { fixedRandom }
}

extension HTTPResponse {
    /// A JSON response.
    static func json(_ status: Int = 200, _ body: String, headers: [(name: String, value: String)] = []) -> HTTPResponse
    {
        HTTPResponse(status: status, headers: [("Content-Type", "application/json")] + headers, body: Array(body.utf8))
    }
}
