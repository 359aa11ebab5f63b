import Foundation
import PartnerCenterSimulator
import TestSupport
import Testing

@Suite("Errors, auth and headers of the API")
struct ErrorTests {
    @Test(
        "unsupported syntax is a 400 with the documented error body",
        arguments: [
            "$filter=\(enc("status eqq 'New'"))", "$filter=\(enc("status eq 'New"))",
            "$filter=\(enc("(status eq 'New'"))",
            "$filter=\(enc("nosuchfield eq 1"))", "$filter=\(enc("createdDateTime ge 2024-13-01T00:00:00Z"))",
            "$filter=\(enc("contains(name, 'x')"))", "$filter=\(enc("status eq 'New' and"))", "$orderby=name",
            "$orderby=\(enc("createdDateTime sideways"))", "$top=-1", "$top=ten", "$select=nosuch", "$expand=team",
            "$skiptoken=garbage",
        ])
    func badSyntax(_ query: String) async throws {
        try await withSimulator(SimulatorHarness.configuration(referrals: 20)) { sim in
            let response = try await sim.get("/v1.0/engagements/referrals?\(query)")
            #expect(response.status == 400)
            let error = try JSON.object(response.body)["error"] as? [String: Any]
            #expect(error?["code"] as? String == "invalidRequest")
            #expect((error?["message"] as? String)?.isEmpty == false)
            #expect((error?["target"] as? String)?.hasPrefix("$") == true)
            #expect((error?["innerError"] as? [String: Any])?["code"] is String)
        }
    }

    @Test("a missing or unknown bearer token is a 401 unauthenticated", arguments: [nil, "wrong"] as [String?])
    func unauthenticated(_ token: String?) async throws {
        try await withSimulator(SimulatorHarness.configuration(referrals: 20)) { sim in
            let response = try await sim.get("/v1.0/engagements/referrals", token: token)
            #expect(response.status == 401)
            let error = try JSON.object(response.body)["error"] as? [String: Any]
            #expect(error?["code"] as? String == "unauthenticated")
            #expect(sim.requests().map(\.hasAuthorization) == [token != nil])
        }
    }

    @Test("request-id is a new GUID; client-request-id and MS-CorrelationId are echoed")
    func headers() async throws {
        try await withSimulator(SimulatorHarness.configuration(referrals: 20)) { sim in
            let headers = [("client-request-id", "c-1"), ("MS-CorrelationId", "corr-9")]
            let a = try await sim.get("/v1.0/engagements/referrals?$top=1", headers: headers)
            let b = try await sim.get("/v1.0/engagements/referrals?$top=1")
            #expect(a.header("client-request-id") == "c-1")
            #expect(a.header("ms-correlationid") == "corr-9")
            #expect(a.header("content-type") == "application/json")
            #expect(a.header("request-id").flatMap(UUID.init(uuidString:)) != nil)
            #expect(a.header("request-id") != b.header("request-id"))
            #expect(b.header("client-request-id") == nil)
            let log = sim.requests()
            #expect(log.count == 2)
            #expect(log[0].clientRequestId == "c-1" && log[0].correlationId == "corr-9" && log[0].query == "$top=1")
            #expect(log.allSatisfy { $0.status == 200 && $0.path == "/v1.0/engagements/referrals" })
        }
    }

    @Test("the admin endpoints need no token, and the log can be cleared")
    func admin() async throws {
        try await withSimulator(SimulatorHarness.configuration(referrals: 20)) { sim in
            _ = try await sim.get("/v1.0/engagements/referrals")
            let log = try await LoopbackHTTPClient.send("GET", sim.baseURL + "/admin/requests")
            let entries = try JSONSerialization.jsonObject(with: Data(log.body)) as? [[String: Any]]
            #expect(entries?.count == 1)
            #expect(entries?.first?["hasAuthorization"] as? Bool == true)
            _ = try await LoopbackHTTPClient.send("DELETE", sim.baseURL + "/admin/requests")
            #expect(sim.requests().isEmpty)
            let faults = try await LoopbackHTTPClient.send(
                "POST", sim.baseURL + "/admin/faults", body: Array(#"{"throttleRate":1,"retryAfterSeconds":7}"#.utf8))
            #expect(faults.status == 200)
            let throttled = try await sim.get("/v1.0/engagements/referrals")
            #expect(throttled.status == 429)
            #expect(throttled.header("retry-after") == "7")
            #expect(sim.faults.throttleRate == 1)
        }
    }
}
