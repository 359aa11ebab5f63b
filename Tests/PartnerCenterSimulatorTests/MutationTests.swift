import Foundation
import PartnerCenterSimulator
import TestSupport
import Testing

@Suite("Evolving data")
struct MutationTests {
    static func byID(_ data: Data) throws -> [String: [String: Any]] {
        let all = try JSON.object(Array(data))["value"] as? [[String: Any]] ?? []
        return Dictionary(uniqueKeysWithValues: all.map { ($0["id"] as? String ?? "", $0) })
    }

    @Test("mutations are deterministic given the seed and the call sequence")
    func deterministic() {
        let a = PartnerCenterSimulator(configuration: SimulatorConfiguration(referralCount: 200, seed: 3))
        let b = PartnerCenterSimulator(configuration: SimulatorConfiguration(referralCount: 200, seed: 3))
        let ra = [a.mutate(count: 10, new: 2), a.mutate(count: 5, new: 0)]
        let rb = [b.mutate(count: 10, new: 2), b.mutate(count: 5, new: 0)]
        #expect(ra == rb)
        #expect(a.allReferralsJSON() == b.allReferralsJSON())
        #expect(ra[0].changed.count == 10 && ra[0].created.count == 2 && Set(ra[0].changed).count == 10)
    }

    @Test("changed referrals move along the table with a later updatedDateTime; new ones arrive")
    func changes() throws {
        let sim = PartnerCenterSimulator(configuration: SimulatorConfiguration(referralCount: 300, seed: 5))
        let allowed = ["New": ["New", "Active", "Closed"], "Active": ["Active", "Closed"], "Closed": ["Closed"]]
        let substatuses = [
            "New": ["Pending", "Received"], "Active": ["Accepted"], "Closed": ["Won", "Lost", "Declined", "Expired"],
        ]
        var before = try Self.byID(sim.allReferralsJSON())
        var latest: Int64 = before.values.compactMap { ticks($0["updatedDateTime"] as? String ?? "") }.max() ?? 0
        var statusMoves = 0
        for _ in 0..<5 {
            let result = sim.mutate(count: 40, new: 3)
            let after = try Self.byID(sim.allReferralsJSON())
            #expect(after.count == before.count + 3)
            #expect(result.created.allSatisfy { after[$0] != nil && before[$0] == nil })
            for id in result.changed {
                let old = before[id] ?? [:], new = after[id] ?? [:]
                let oldStatus = old["status"] as? String ?? "", newStatus = new["status"] as? String ?? ""
                #expect(allowed[oldStatus]?.contains(newStatus) == true)
                #expect(substatuses[newStatus]?.contains(new["substatus"] as? String ?? "") == true)
                let updated = ticks(new["updatedDateTime"] as? String ?? "") ?? 0
                #expect(updated > (ticks(old["updatedDateTime"] as? String ?? "") ?? .max))
                #expect(updated >= latest - 20_000_000)
                #expect(new["eTag"] as? String != old["eTag"] as? String)
                if oldStatus != newStatus { statusMoves += 1 }
            }
            let unchanged = Set(before.keys).subtracting(result.changed)
            #expect(unchanged.allSatisfy { before[$0]?["eTag"] as? String == after[$0]?["eTag"] as? String })
            latest = after.values.compactMap { ticks($0["updatedDateTime"] as? String ?? "") }.max() ?? 0
            before = after
        }
        #expect(statusMoves > 10)
    }

    @Test("POST /admin/mutate returns the ids changed and created")
    func adminMutate() async throws {
        try await withSimulator(SimulatorHarness.configuration(referrals: 50)) { sim in
            let response = try await LoopbackHTTPClient.send("POST", sim.baseURL + "/admin/mutate?count=4&new=2")
            let result = try JSONDecoder().decode(MutationResult.self, from: Data(response.body))
            #expect(result.changed.count == 4 && result.created.count == 2)
            let listing = try await listAll(
                sim, "$filter=\(enc("updatedDateTime ge \(result.now.prefix(10))T00:00:00Z"))&$select=id")
            #expect(Set(listing.ids).isSuperset(of: result.changed + result.created))
            #expect(sim.referralCount == 52)
        }
    }
}
