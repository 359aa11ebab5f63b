/// Builds referrals deterministically from a seed: referral `i` depends only on the seed and `i`.
///
/// Every field of the referral resource appears (reference §1 and §9), with the documented shape quirks.
/// Times lie in the two years before `ReferralGenerator.start`, the simulated clock's first reading.
struct ReferralGenerator: Sendable {
    /// The simulated "now" when the data set is generated: 2025-07-01T00:00:00Z.
    static let start = Instant(seconds: 1_751_328_000)

    let seed: UInt64
    /// Customers are drawn from a pool this big, so the customer dimension deduplicates.
    let customerCount: Int
    /// The partner organisation (and a second location) that owns the referrals.
    let organizations: [(id: String, name: String)]
    /// Partner staff who appear in `team` (so `team/any(...)` filters match several referrals).
    let staff: [JSONValue]

    /// Share of referrals created in the three days before `start` (skewed data); 0 spreads them over two years.
    let burstShare: Double

    init(seed: UInt64, referralCount: Int, burstShare: Double = 0) {
        self.seed = seed
        self.burstShare = burstShare
        self.customerCount = max(1, referralCount / 4)
        var rng = SplitMix64(seed: seed, stream: 0x0_46A0)
        organizations = [(rng.guid(), "Contoso Partner Ltd"), (rng.guid(), "Contoso Partner GmbH – München")]
        var staffRNG = SplitMix64(seed: seed, stream: 0x57AFF)
        staff = (0..<40).map { _ in ReferralGenerator.member(using: &staffRNG, domain: "contoso.example") }
    }

    /// Whether referral `index` is one of the burst's (its own stream, so the rest of the data does not change).
    private func inBurst(_ index: Int) -> Bool {
        guard burstShare > 0 else { return false }
        var rng = SplitMix64(seed: seed, stream: 0xB_0000_0000 &+ UInt64(index))
        return rng.chance(burstShare)
    }

    /// Referral number `index`; with `createdAt`, a fresh arrival created then (status New, or accepted Outgoing).
    func referral(index: Int, createdAt: Instant? = nil) -> JSONObject {
        var rng = SplitMix64(seed: seed, stream: 0x1_0000_0000 &+ UInt64(index))
        let id = rng.guid()
        let direction = rng.pick(Catalogs.directions)
        let type = rng.chance(0.4) ? "Shared" : "Independent"
        let qualification = rng.pick(Catalogs.qualifications)
        var (status, substatus) = Self.statusPair(using: &rng)
        if createdAt != nil {
            (status, substatus) =
                direction == "Outgoing" ? ("Active", "Accepted") : ("New", rng.pick(["Pending", "Received"]))
        }
        let customerIndex = rng.int(0..<customerCount)
        let customer = customerProfile(customerIndex)
        let organization = organizations[rng.chance(0.85) ? 0 : 1]

        var r = JSONObject()
        r["id"] = .string(id)
        r["engagementId"] = .string(engagementId(index))
        r["organizationId"] = .string(organization.id)
        r["organizationName"] = .string(organization.name)
        let customerName = customer["name"]?.stringValue ?? "Customer"
        r["name"] = .string(
            "\(customerName) – \(rng.pick(Catalogs.products)) \(rng.pick(["rollout", "migration", "pilot", "renewal", "expansion"]))"
        )
        switch rng.int(0..<5) {
        case 0, 1: r["externalReferenceId"] = .string("")
        case 2, 3: r["externalReferenceId"] = .string("CRM-OPP-" + String(rng.int(1...999_999)).leftPadded(6))
        default: break
        }
        let times = ReferralTimes.generate(
            status: status, substatus: substatus, outgoing: direction == "Outgoing", createdAt: createdAt,
            inBurst: inBurst(index), using: &rng)
        times.write(into: &r)
        r["status"] = .string(status)
        r["substatus"] = .string(substatus)
        if status == "Closed", substatus != "Won" {
            r["statusReason"] = rng.chance(0.8) ? .string(rng.pick(Catalogs.statusReasons)) : .null
        } else if rng.chance(0.5) {
            r["statusReason"] = .null
        }
        r["type"] = .string(type)
        r["qualification"] = .string(qualification)
        r["direction"] = .string(direction)
        if qualification == "Direct" {
            r["referralSource"] = .string(rng.pick(["AzureMarketplace", "AppSource"]))
            r["callToAction"] = .string(rng.pick(["ContactMe", "FreeTrial", "TestDrive"]))
            r["customerMarketplaceIntent"] = .string(rng.pick(["HaveNotDecided", "Yes", "No"]))
        } else if rng.chance(0.3) {
            r["referralSource"] = .null
        }
        switch rng.int(0..<5) {
        case 0, 1: break
        case 2: r["target"] = .array([])
        default:
            var targets: [JSONValue] = [
                .object(JSONObject(["type": .string("BusinessProfileLocation"), "id": .string(rng.guid())]))
            ]
            if rng.chance(0.5) {
                targets.append(
                    .object(JSONObject(["type": .string("SolutionProfile"), "id": .string("SOL-15974-MQF")])))
            }
            r["target"] = .array(targets)
        }
        var profile = customer
        let contacts = rng.int(0...2)
        if contacts == 0 {
            if rng.chance(0.5) { profile["team"] = rng.chance(0.5) ? .array([]) : .null }
        } else {
            let domain = Self.domain(customerName)
            profile["team"] = .array((0..<contacts).map { _ in Self.member(using: &rng, domain: domain) })
        }
        r["customerProfile"] = .object(profile)
        if let consent = Self.consent(using: &rng) { r["consent"] = consent }
        r["details"] = .object(details(createdAt: times.created, using: &rng))
        let teamSize = rng.int(0...6)
        if teamSize > 0 || rng.chance(0.7) {
            var indices = Array(0..<staff.count)
            indices.shuffle(using: &rng)
            r["team"] = .array(indices.prefix(teamSize).map { staff[$0] })
        }
        if let invite = inviteContext(direction: direction, qualification: qualification, using: &rng) {
            r["inviteContext"] = invite
        }
        r["links"] = Self.links(id: id, engagementId: r["engagementId"]?.stringValue ?? "")
        r["eTag"] = .string(Self.eTag(using: &rng))
        return r
    }

    /// A status and a substatus that the transition table allows together.
    static func statusPair(using rng: inout SplitMix64) -> (String, String) {
        let roll = rng.int(0..<100)
        switch roll {
        case 0..<22: return ("New", roll < 14 ? "Pending" : "Received")
        case 22..<50: return ("Active", "Accepted")
        case 50..<68: return ("Closed", "Won")
        case 68..<82: return ("Closed", "Lost")
        case 82..<90: return ("Closed", "Declined")
        default: return ("Closed", "Expired")
        }
    }

    /// An `eTag` value: the quotes are part of it, as in the API's examples.
    static func eTag(using rng: inout SplitMix64) -> String {
        "\"\(rng.hex(8))-0000-0000-0000-\(rng.hex(12))\""
    }

    /// Shared co-sells often come in pairs: referrals 2k and 2k+1 share an engagement 30% of the time.
    func engagementId(_ index: Int) -> String {
        var pair = SplitMix64(seed: seed, stream: 0xE_0000_0000 &+ UInt64(index / 2))
        if pair.chance(0.3) { return pair.guid() }
        var own = SplitMix64(seed: seed, stream: 0xF_0000_0000 &+ UInt64(index))
        return own.guid()
    }

    static func links(id: String, engagementId: String) -> JSONValue {
        let base = "https://api.partner.microsoft.com/v1.0/engagements/referrals"
        return .object(
            JSONObject([
                "relatedReferrals": .object(
                    JSONObject([
                        "uri": .string("\(base)?$filter=engagementId eq '\(engagementId)'"), "method": .string("GET"),
                    ])),
                "self": .object(JSONObject(["uri": .string("\(base)/\(id)"), "method": .string("GET")])),
            ]))
    }
}
