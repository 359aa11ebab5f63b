/// One page of the referrals API, decoded: what the extract stage hands to the transform stage.
public struct ReferralPage: Sendable, Equatable {
    /// 1-based position of this page in its `nextLink` chain.
    public var number: Int
    /// The referrals that decoded, in the order the API sent them.
    public var referrals: [Referral]
    /// Items of `value` that could not be decoded (not an object, no string `id`, a field of the wrong
    /// shape). They are not fatal: the transform stage turns them into rejections.
    public var undecodable: [UndecodableReferral]
    /// `@odata.nextLink` as received (opaque), or nil on the last page.
    public var nextLink: String?
    /// `@odata.count` when present. A progress hint only: the docs contradict themselves about it.
    public var odataCount: Int?

    public init(
        number: Int, referrals: [Referral], undecodable: [UndecodableReferral] = [], nextLink: String? = nil,
        odataCount: Int? = nil
    ) {
        self.number = number
        self.referrals = referrals
        self.undecodable = undecodable
        self.nextLink = nextLink
        self.odataCount = odataCount
    }
}

/// An item of a page's `value` array that could not be decoded into a `Referral`.
public struct UndecodableReferral: Sendable, Equatable {
    /// The item's original JSON text.
    public var raw: String
    /// Why it could not be decoded, in one line (e.g. `missing "id"`).
    public var reason: String
    /// The item's `id` when the decoder read one (a string), else nil.
    public var referralId: String?
    public init(raw: String, reason: String, referralId: String? = nil) {
        self.raw = raw
        self.reason = reason
        self.referralId = referralId
    }
}
