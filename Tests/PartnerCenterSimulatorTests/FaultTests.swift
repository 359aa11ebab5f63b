import Foundation
import PartnerCenterSimulator
import TestSupport
import Testing

@Suite("Faults")
struct FaultTests {
    @Test("429 and 5xx rates are within tolerance of the configured share")
    func rates() async throws {
        try await withSimulator(SimulatorHarness.configuration(referrals: 20)) { sim in
            var faults = FaultConfiguration()
            faults.throttleRate = 0.2
            faults.serverErrorRate = 0.1
            faults.retryAfterSeconds = 3
            sim.setFaults(faults)
            var statuses: [Int] = []
            for _ in 0..<500 {
                let response = try await sim.get("/v1.0/engagements/referrals?$top=1&$select=id")
                statuses.append(response.status)
                if response.status == 429 { #expect(response.header("retry-after") == "3") }
            }
            let throttled = Double(statuses.filter { $0 == 429 }.count) / 500
            let failed = Double(statuses.filter { $0 == 500 || $0 == 503 }.count) / 500
            #expect(abs(throttled - 0.2) <= 0.05)
            #expect(abs(failed - 0.1) <= 0.05)
            #expect(Set(statuses) == [200, 429, 500, 503])
            // Same seed, same sequence.
            sim.setFaults(faults)
            var again: [Int] = []
            for _ in 0..<50 { again.append(try await sim.get("/v1.0/engagements/referrals?$top=1&$select=id").status) }
            #expect(again == Array(statuses.prefix(50)))
        }
    }

    @Test("malformed ids are served with a bad updatedDateTime or a non-numeric dealValue; the rest intact")
    func malformed() async throws {
        try await withSimulator(SimulatorHarness.configuration(referrals: 250)) { sim in
            let clean = try await listAll(sim, "").referrals
            let ids = clean.compactMap { $0["id"] as? String }
            var faults = FaultConfiguration()
            faults.malformedIDs = [ids[3], ids[140], ids[201]]
            sim.setFaults(faults)
            let served = try await listAll(sim, "").referrals
            #expect(served.count == 250)
            let byID = Dictionary(served.map { ($0["id"] as? String ?? "", $0) }, uniquingKeysWith: { a, _ in a })
            #expect(byID[ids[3]]?["updatedDateTime"] as? String == "not-a-date")
            #expect(byID[ids[201]]?["updatedDateTime"] as? String == "not-a-date")
            let details = byID[ids[140]]?["details"] as? [String: Any]
            #expect(
                details?["dealValue"] as? String == "a lot"
                    || byID[ids[140]]?["updatedDateTime"] as? String == "not-a-date")
            let untouched = served.filter { !faults.malformedIDs.contains($0["id"] as? String ?? "") }
            #expect(untouched.allSatisfy { ($0["updatedDateTime"] as? String) != "not-a-date" })
        }
    }

    @Test("issued access tokens expire after N requests")
    func tokenExpiry() async throws {
        try await withSimulator(SimulatorHarness.configuration(referrals: 20)) { sim in
            var faults = FaultConfiguration()
            faults.accessTokenMaxRequests = 3
            sim.setFaults(faults)
            let token =
                try JSON.object(
                    try await sim.postForm(
                        "/tenant/oauth2/v2.0/token",
                        [
                            ("grant_type", "refresh_token"), ("client_id", "sim-client-id"),
                            ("client_secret", "sim-client-secret"),
                            ("refresh_token", "sim-refresh-token"),
                            ("scope", "https://api.partner.microsoft.com/.default"),
                        ]
                    ).body)["access_token"] as? String
            var statuses: [Int] = []
            for _ in 0..<5 {
                statuses.append(try await sim.get("/v1.0/engagements/referrals?$top=1", token: token).status)
            }
            #expect(statuses == [200, 200, 200, 401, 401])
            let expired = try await sim.get("/v1.0/engagements/referrals?$top=1", token: token)
            let error = try JSON.object(expired.body)["error"] as? [String: Any]
            #expect(error?["code"] as? String == "unauthenticated")
            #expect((error?["innerError"] as? [String: Any])?["code"] as? String == "tokenExpired")
        }
    }

    @Test("the K-th page is truncated once, with a matching Content-Length")
    func truncatedPage() async throws {
        try await withSimulator(SimulatorHarness.configuration(referrals: 300)) { sim in
            var faults = FaultConfiguration()
            faults.truncatePage = 2
            sim.setFaults(faults)
            let first = try JSON.object(try await sim.get("/v1.0/engagements/referrals").body)
            let link = String((first["@odata.nextLink"] as? String ?? "").dropFirst(sim.baseURL.count))
            let cut = try await sim.get(link)
            #expect(cut.status == 200)
            #expect(cut.header("content-length") == String(cut.body.count))
            #expect((try? JSON.object(cut.body)) == nil)
            let retried = try await sim.get(link)
            #expect((try JSON.object(retried.body)["value"] as? [Any])?.count == 100)
            #expect(retried.body.count > cut.body.count * 2 - 2)
        }
    }

    @Test("the K-th page's connection drops mid-body, once")
    func droppedConnection() async throws {
        try await withSimulator(SimulatorHarness.configuration(referrals: 300)) { sim in
            var faults = FaultConfiguration()
            faults.dropConnectionPage = 1
            sim.setFaults(faults)
            await #expect(throws: LoopbackHTTPClient.Failure.self) { try await sim.get("/v1.0/engagements/referrals") }
            let retried = try await sim.get("/v1.0/engagements/referrals")
            #expect(retried.status == 200)
        }
    }

    @Test("pages are delayed")
    func delay() async throws {
        try await withSimulator(SimulatorHarness.configuration(referrals: 20)) { sim in
            var faults = FaultConfiguration()
            faults.pageDelayMilliseconds = 300
            sim.setFaults(faults)
            let started = ContinuousClock.now
            let response = try await sim.get("/v1.0/engagements/referrals")
            #expect(response.status == 200)
            #expect(ContinuousClock.now - started >= .milliseconds(300))
        }
    }

    @Test("duplicate ids across pages, in each version mode", arguments: FaultConfiguration.DuplicateVersion.allCases)
    func duplicates(_ version: FaultConfiguration.DuplicateVersion) async throws {
        try await withSimulator(SimulatorHarness.configuration(referrals: 500, pageSize: 50)) { sim in
            var faults = FaultConfiguration()
            faults.duplicateRate = 1
            faults.duplicateVersion = version
            sim.setFaults(faults)
            let listing = try await listAll(sim, "")
            #expect(Set(listing.ids).count == 500)
            #expect(listing.ids.count > 500)
            let byID = Dictionary(grouping: listing.referrals.enumerated()) { $0.element["id"] as? String ?? "" }
            for (_, occurrences) in byID where occurrences.count > 1 {
                let first = ticks(occurrences[0].element["updatedDateTime"] as? String ?? "") ?? 0
                let later = ticks(occurrences[1].element["updatedDateTime"] as? String ?? "") ?? 0
                #expect(occurrences[1].offset / 50 > occurrences[0].offset / 50)
                switch version {
                case .older: #expect(later < first)
                case .newer: #expect(later > first)
                case .same: #expect(later == first)
                }
            }
        }
    }
}
