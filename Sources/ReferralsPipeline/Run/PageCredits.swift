/// The pages a sliced read may hold fetched but not yet batched: a chain takes a credit before it asks for a page,
/// the batch writer gives it back when it takes the page. So memory stays bounded when the API outruns the load.
actor PageCredits {
    private var available: Int
    private var closed = false
    private var waiters: [CheckedContinuation<Bool, Never>] = []

    init(_ count: Int) { available = max(1, count) }

    /// Waits for a credit; false once the read is over (`close`).
    func acquire() async -> Bool {
        guard !closed else { return false }
        if available > 0 {
            available -= 1
            return true
        }
        return await withCheckedContinuation { waiters.append($0) }
    }

    /// Gives a credit back.
    func release() {
        if waiters.isEmpty {
            available += 1
        } else {
            waiters.removeFirst().resume(returning: true)
        }
    }

    /// Ends the read: every waiting and later `acquire` answers false.
    func close() {
        closed = true
        for waiter in waiters { waiter.resume(returning: false) }
        waiters = []
    }
}
