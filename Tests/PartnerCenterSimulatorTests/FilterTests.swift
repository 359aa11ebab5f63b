import Foundation
import PartnerCenterSimulator
import TestSupport
import Testing

/// `$filter` over real HTTP equals a brute-force evaluation of the same filter over `/admin/referrals`.
@Suite("Filters match a brute-force evaluation")
struct FilterTests {
    static let documented: [(String, RandomFilter?)] = [
        ("engagementId eq '<engagement>'", nil),
        (
            "status eq 'New' and qualification eq 'SalesQualified'",
            .and(
                .string(path: "status", op: "eq", value: "New"),
                .string(path: "qualification", op: "eq", value: "SalesQualified"))
        ),
        (
            "customerProfile/address/country eq 'US' and direction eq 'Incoming'",
            .and(
                .string(path: "customerProfile/address/country", op: "eq", value: "US"),
                .string(path: "direction", op: "eq", value: "Incoming"))
        ),
        (
            "(type eq 'Shared' and direction eq 'Incoming')",
            .and(
                .string(path: "type", op: "eq", value: "Shared"),
                .string(path: "direction", op: "eq", value: "Incoming"))
        ),
        (
            "(direction eq 'Incoming' and substatus eq 'Pending')",
            .and(
                .string(path: "direction", op: "eq", value: "Incoming"),
                .string(path: "substatus", op: "eq", value: "Pending"))
        ),
    ]

    @Test("the documented example filters", arguments: 0..<5)
    func documentedFilters(_ index: Int) async throws {
        try await withSimulator(SimulatorHarness.configuration(referrals: 800)) { sim in
            let data = try await JSON.allReferrals(sim)
            var (text, predicate) = Self.documented[index]
            if predicate == nil {
                // An engagement that two referrals share, so the filter has more than one match.
                let engagements = Dictionary(grouping: data) { $0["engagementId"] as? String ?? "" }
                let shared = engagements.first { $0.value.count > 1 }?.key ?? ""
                text = "engagementId eq '\(shared)'"
                predicate = .string(path: "engagementId", op: "eq", value: shared)
            }
            let expected = Set(data.filter { predicate?.matches($0) ?? false }.compactMap { $0["id"] as? String })
            let listing = try await listAll(sim, "$filter=\(enc(text))&$select=id")
            #expect(!expected.isEmpty)
            #expect(Set(listing.ids).symmetricDifference(expected).isEmpty)
            #expect(listing.ids.count == expected.count)
            #expect(listing.count == expected.count)
        }
    }

    @Test("the documented team/any example")
    func teamAny() async throws {
        try await withSimulator(SimulatorHarness.configuration(referrals: 800)) { sim in
            let data = try await JSON.allReferrals(sim)
            let sample = data.first {
                ($0["team"] as? [[String: Any]])?.isEmpty == false && $0["status"] as? String == "Active"
            }
            let email = (sample?["team"] as? [[String: Any]])?.first?["email"] as? String ?? ""
            let filter = RandomFilter.and(
                .and(
                    .string(path: "status", op: "eq", value: "Active"),
                    .string(path: "direction", op: "eq", value: "Outgoing")),
                .and(.string(path: "type", op: "eq", value: "Shared"), .anyEmail(email)))
            let text =
                "status eq 'Active' and direction eq 'Outgoing' and type eq 'Shared' and team/any(t:t/email eq '\(email)')"
            let expected = Set(data.filter(filter.matches).compactMap { $0["id"] as? String })
            let listing = try await listAll(sim, "$filter=\(enc(text))&$orderby=\(enc("createdDateTime desc"))")
            #expect(!expected.isEmpty)
            #expect(Set(listing.ids).symmetricDifference(expected).isEmpty)
        }
    }

    @Test("200 random filters")
    func randomFilters() async throws {
        try await withSimulator(SimulatorHarness.configuration(referrals: 600)) { sim in
            let data = try await JSON.allReferrals(sim)
            var rng = SplitMix64(seed: 7)
            var nonEmpty = 0
            for _ in 0..<200 {
                let filter = RandomFilter.random(data, depth: 3, using: &rng)
                let expected = data.filter(filter.matches).compactMap { $0["id"] as? String }
                let listing = try await listAll(sim, "$filter=\(enc(filter.text))&$select=id")
                let differing = Set(listing.ids).symmetricDifference(expected)
                #expect(differing.isEmpty, "\(filter.text): \(differing.count) differ")
                #expect(listing.count == expected.count, "\(filter.text)")
                if !expected.isEmpty && expected.count < data.count { nonEmpty += 1 }
            }
            #expect(nonEmpty > 100)
        }
    }

    @Test("date-times compare as instants, bare or quoted, whatever the fractional digits")
    func instants() async throws {
        try await withSimulator(SimulatorHarness.configuration(referrals: 300)) { sim in
            let forms = [
                "2025-01-01T00:00:00Z", "'2025-01-01T00:00:00Z'", "2025-01-01T00:00:00.0000000Z",
                "2024-12-31T19:00:00-05:00",
            ]
            var counts: [Int] = []
            for form in forms {
                counts.append(
                    try await listAll(sim, "$filter=\(enc("createdDateTime ge \(form)"))&$select=id").ids.count)
            }
            let data = try await JSON.allReferrals(sim)
            let cutoff = ticks("2025-01-01T00:00:00Z") ?? 0
            let expected = data.filter { (ticks($0["createdDateTime"] as? String ?? "") ?? 0) >= cutoff }.count
            #expect(counts == Array(repeating: expected, count: forms.count))
        }
    }
}
