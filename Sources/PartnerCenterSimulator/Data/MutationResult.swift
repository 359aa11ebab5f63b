/// What one `mutate` call did: the ids changed and created, and the simulated clock afterwards.
public struct MutationResult: Sendable, Equatable, Codable {
    /// Ids of existing referrals that changed (each got a later `updatedDateTime`).
    public var changed: [String]
    /// Ids of referrals that arrived.
    public var created: [String]
    /// The simulated clock after the call, ISO 8601.
    public var now: String
}
