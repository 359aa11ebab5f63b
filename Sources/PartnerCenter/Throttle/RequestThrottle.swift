/// The number of API requests a sliced extract keeps in flight, shared by all its nextLink chains: additive
/// increase, multiplicative decrease (AIMD), as TCP does with its window.
///
/// Every answer that is not a 429 raises the limit by `1 / limit` (about one more request per round of
/// answers), up to `ceiling`; a 429 on any chain halves it (never below one), once per round: a 429 to a request
/// sent before the last halving does not halve again. The request that got the 429 still waits its own
/// `Retry-After` (`RetryPolicy`); the others slow down through the lower limit. See docs/pipeline.md#slices.
public actor RequestThrottle {
    /// The most requests in flight (the number of slices).
    public let ceiling: Int
    /// The current limit; requests in flight never exceed `Int(limit)`.
    public private(set) var limit: Double
    /// Requests sent and not yet answered.
    public private(set) var inFlight = 0
    /// Halvings so far.
    public private(set) var decreases = 0
    private var waiters: [CheckedContinuation<Void, Never>] = []

    /// A throttle allowing `ceiling` requests in flight at first.
    public init(ceiling: Int) {
        self.ceiling = max(1, ceiling)
        self.limit = Double(max(1, ceiling))
    }

    /// A permission to send one request, taken by `acquire` and given back with `release`.
    public struct Ticket: Sendable {
        /// `decreases` when the request was let through.
        let epoch: Int
    }

    /// Waits until one more request may be in flight.
    public func acquire() async -> Ticket {
        if inFlight < Int(limit) && waiters.isEmpty {
            inFlight += 1
        } else {
            // `release` hands the slot over: it counts this request in flight before resuming it.
            await withCheckedContinuation { waiters.append($0) }
        }
        return Ticket(epoch: decreases)
    }

    /// Gives the slot back; `throttled` when the API answered 429.
    public func release(_ ticket: Ticket, throttled: Bool) {
        inFlight -= 1
        if throttled {
            if ticket.epoch == decreases {
                limit = max(1, limit / 2)
                decreases += 1
            }
        } else {
            limit = min(Double(ceiling), limit + 1 / limit)
        }
        while inFlight < Int(limit), !waiters.isEmpty {
            inFlight += 1
            waiters.removeFirst().resume()
        }
    }
}

/// An `HTTPTransport` that sends through a `RequestThrottle`: the API requests of a sliced extract.
struct ThrottledTransport: HTTPTransport {
    let base: any HTTPTransport
    let throttle: RequestThrottle

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let ticket = await throttle.acquire()
        do {
            let response = try await base.send(request)
            await throttle.release(ticket, throttled: response.status == 429)
            return response
        } catch {
            await throttle.release(ticket, throttled: false)
            throw error
        }
    }
}
