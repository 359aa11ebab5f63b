/// One page of the referrals API, decoded: what the extract stage hands to the transform stage.
public struct ReferralPage: Sendable, Equatable {
    /// 1-based position of this page in its `nextLink` chain.
    public var number: Int
    /// The referrals that decoded, in the order the API sent them.
    public var referrals: [Referral]
    /// Items of `value` that could not be decoded (not an object, no string `id`, a field of the wrong
    /// shape). They are not fatal: the transform stage turns them into rejections.
    public var undecodable: [UndecodableReferral]
    /// Elements of `value` skimmed but not decoded yet (a page as the pager delivers it when asked to skim), in
    /// the order the API sent them; `decodingSkimmed()` decodes them into `referrals` and `undecodable`.
    public var skimmed: [SkimmedReferral]
    /// `@odata.nextLink` as received (opaque), or nil on the last page.
    public var nextLink: String?
    /// `@odata.count` when present. A progress hint only: the docs contradict themselves about it.
    public var odataCount: Int?

    public init(
        number: Int, referrals: [Referral], undecodable: [UndecodableReferral] = [], skimmed: [SkimmedReferral] = [],
        nextLink: String? = nil, odataCount: Int? = nil
    ) {
        self.number = number
        self.referrals = referrals
        self.undecodable = undecodable
        self.skimmed = skimmed
        self.nextLink = nextLink
        self.odataCount = odataCount
    }
}

extension ReferralPage {
    /// Items of `value` on this page: referrals, undecodable items and skimmed elements.
    public var itemCount: Int { referrals.count + undecodable.count + skimmed.count }

    /// The ids of the referrals, and of the skimmed elements that have a string id, in order.
    public var referralIDs: [String] { sightings.map(\.id) }

    /// The id and timestamps (as sent) of each referral, then of each skimmed element that has a string id: what
    /// paging, slicing and checkpoints read of a page.
    public var sightings: [(id: String, created: String?, updated: String?)] {
        referrals.map { ($0.id, $0.createdDateTime, $0.updatedDateTime) }
            + skimmed.compactMap { element in element.id.map { ($0, element.createdDateTime, element.updatedDateTime) }
            }
    }

    /// The page with its skimmed elements decoded, in order, into `referrals` and `undecodable`.
    public func decodingSkimmed() -> ReferralPage {
        var page = self
        page.skimmed = []
        for element in skimmed {
            switch element.decoded() {
            case .referral(let referral): page.referrals.append(referral)
            case .undecodable(let item): page.undecodable.append(item)
            }
        }
        return page
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
