import Foundation
import PartnerCenterSimulator
import TestSupport
import Testing

@Suite("Server-driven paging, $top, $select, by id")
struct PagingTests {
    @Test(
        "every order returns each referral exactly once, in order",
        arguments: [
            "createdDateTime asc", "createdDateTime desc", "updatedDateTime asc", "updatedDateTime desc", "",
        ])
    func orders(_ orderBy: String) async throws {
        try await withSimulator(SimulatorHarness.configuration(referrals: 450, pageSize: 40)) { sim in
            let query =
                "$select=id,createdDateTime,updatedDateTime" + (orderBy.isEmpty ? "" : "&$orderby=\(enc(orderBy))")
            let listing = try await listAll(sim, query)
            #expect(listing.ids.count == 450)
            #expect(Set(listing.ids).count == 450)
            #expect(listing.pages == 12)
            #expect(listing.count == 450)
            let field = orderBy.hasPrefix("updated") ? "updatedDateTime" : "createdDateTime"
            let descending = orderBy.isEmpty || orderBy.hasSuffix("desc")
            let keys = listing.referrals.map { (ticks($0[field] as? String ?? "") ?? 0, $0["id"] as? String ?? "") }
            let sorted = zip(keys, keys.dropFirst()).allSatisfy { a, b in
                descending ? (a.0 > b.0 || (a.0 == b.0 && a.1 > b.1)) : (a.0 < b.0 || (a.0 == b.0 && a.1 < b.1))
            }
            #expect(sorted)
            #expect(Set(listing.referrals.flatMap { $0.keys }) == ["id", "createdDateTime", "updatedDateTime"])
        }
    }

    @Test("odd nextLinks (/v1.0/referrals) are served, and can be made to 404")
    func oddNextLinks() async throws {
        try await withSimulator(SimulatorHarness.configuration(referrals: 250)) { sim in
            var faults = FaultConfiguration()
            faults.oddNextLinks = true
            sim.setFaults(faults)
            let listing = try await listAll(sim, "$select=id")
            #expect(listing.nextLinks.count == 2)
            #expect(listing.nextLinks.allSatisfy { $0.hasPrefix(sim.baseURL + "/v1.0/referrals?$skiptoken=") })
            #expect(Set(listing.ids).count == 250)
            faults.legacyPathNotFound = true
            sim.setFaults(faults)
            let link = String(listing.nextLinks[0].dropFirst(sim.baseURL.count))
            #expect(try await sim.get(link).status == 404)
            #expect(
                try await sim.get(link.replacingOccurrences(of: "/v1.0/referrals", with: "/v1.0/engagements/referrals"))
                    .status == 200)
        }
    }

    @Test("data changing between pages: each original referral still comes exactly once")
    func stableAgainstMutation() async throws {
        try await withSimulator(SimulatorHarness.configuration(referrals: 300, pageSize: 50)) { sim in
            let first = try JSON.object(
                try await sim.get("/v1.0/engagements/referrals?$orderby=\(enc("updatedDateTime asc"))").body)
            var ids = (first["value"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            sim.mutate(count: 100, new: 20)
            var next = first["@odata.nextLink"] as? String
            while let link = next {
                let page = try JSON.object(try await sim.get(String(link.dropFirst(sim.baseURL.count))).body)
                ids += (page["value"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
                next = page["@odata.nextLink"] as? String
            }
            #expect(ids.count == 300)
            #expect(Set(ids).count == 300)
        }
    }

    @Test("a nextLink to another instance resumes there by keyset, and that instance sees the token")
    func foreignNextLink() async throws {
        try await withSimulator(SimulatorHarness.configuration(referrals: 220)) { home in
            try await withSimulator(SimulatorHarness.configuration(referrals: 220)) { foreign in
                var faults = FaultConfiguration()
                faults.foreignNextLinkBaseURL = foreign.baseURL
                home.setFaults(faults)
                let listing = try await listAll(home, "$select=id")
                #expect(listing.nextLinks.first?.hasPrefix(foreign.baseURL) == true)
                #expect(Set(listing.ids).count == 220)
                #expect(listing.ids.count == 220)
                #expect(foreign.requests().count == 2)
                let allAuthorized = foreign.requests().allSatisfy { $0.hasAuthorization }
                #expect(allAuthorized)
            }
        }
    }

    @Test("$top caps the total across pages", arguments: [0, 10, 100, 130, 250, 5000])
    func top(_ top: Int) async throws {
        try await withSimulator(SimulatorHarness.configuration(referrals: 300)) { sim in
            let listing = try await listAll(sim, "$top=\(top)&$select=id")
            #expect(listing.ids.count == min(top, 300))
            #expect(Set(listing.ids).count == min(top, 300))
            #expect(listing.pages == max(1, Int((Double(min(top, 300)) / 100).rounded(.up))))
        }
    }

    @Test("pagesize sets the page size (at most the server's), carried by the nextLinks; 0 is a 400")
    func pageSize() async throws {
        try await withSimulator(SimulatorHarness.configuration(referrals: 250)) { sim in
            let listing = try await listAll(sim, "pagesize=30&$select=id")
            #expect(listing.ids.count == 250)
            #expect(Set(listing.ids).count == 250)
            #expect(listing.pages == 9)
            #expect(try await listAll(sim, "pagesize=500&$select=id").pages == 3)
            #expect(try await sim.get("/v1.0/engagements/referrals?pagesize=0").status == 400)
        }
    }

    @Test("by id: the referral with @odata.context, or 404 with the error body")
    func byID() async throws {
        try await withSimulator(SimulatorHarness.configuration(referrals: 50)) { sim in
            let all = try await JSON.allReferrals(sim)
            let id = all[7]["id"] as? String ?? ""
            let response = try await sim.get("/v1.0/engagements/referrals/\(id)")
            let body = try JSON.object(response.body)
            #expect(response.status == 200)
            #expect(body["id"] as? String == id)
            #expect((body["@odata.context"] as? String)?.hasSuffix("$entity") == true)
            #expect(response.header("etag") == all[7]["eTag"] as? String)
            let missing = try await sim.get("/v1.0/engagements/referrals/00000000-0000-0000-0000-000000000000")
            #expect(missing.status == 404)
            #expect((try JSON.object(missing.body)["error"] as? [String: Any])?["code"] as? String == "itemNotFound")
        }
    }
}
