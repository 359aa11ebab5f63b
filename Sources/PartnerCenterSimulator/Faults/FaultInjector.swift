/// Decides, request by request, which configured fault happens. Lives behind a lock in the simulator.
struct FaultInjector: Sendable {
    /// What happens to an API request before it is served.
    enum Interruption: Equatable {
        case throttle(retryAfter: Int)
        case serverError(status: Int, retryAfter: Int?)
    }

    /// How a list page's body is delivered.
    enum Delivery: Equatable, Sendable {
        case whole
        /// Half the body, with a `Content-Length` that matches it.
        case truncated
        /// The full `Content-Length` declared, half the body sent, then the connection closed.
        case dropped
    }

    private(set) var configuration: FaultConfiguration
    private var rng: SplitMix64
    private var listPages = 0

    init(_ configuration: FaultConfiguration) {
        self.configuration = configuration
        self.rng = SplitMix64(seed: configuration.seed, stream: 0xFA017)
    }

    /// A throttle or server error for the next API request, or nil to serve it.
    mutating func interruption() -> Interruption? {
        let roll = Double.random(in: 0..<1, using: &rng)
        if roll < configuration.throttleRate { return .throttle(retryAfter: configuration.retryAfterSeconds) }
        if roll < configuration.throttleRate + configuration.serverErrorRate {
            return rng.chance(0.5)
                ? .serverError(status: 500, retryAfter: nil)
                : .serverError(status: 503, retryAfter: configuration.retryAfterSeconds)
        }
        return nil
    }

    /// Counts one list page about to be served and says how to deliver it.
    mutating func nextListPageDelivery() -> Delivery {
        listPages += 1
        if listPages == configuration.truncatePage { return .truncated }
        if listPages == configuration.dropConnectionPage { return .dropped }
        return .whole
    }

    /// Whether a page boundary gets a duplicate (consulted while building a snapshot).
    mutating func duplicateHere() -> Bool {
        configuration.duplicateRate > 0 && rng.chance(configuration.duplicateRate)
    }

    /// A uniform index in `range`, from the fault generator.
    mutating func index(_ range: Range<Int>) -> Int { rng.int(range) }
}
