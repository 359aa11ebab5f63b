import Foundation
import PartnerCenterSimulator
import TestSupport
import Testing

@Suite("Token endpoint: refresh-token rotation and device code")
struct AuthTests {
    static let path = "/contoso.onmicrosoft.com/oauth2/v2.0/token"

    static func refresh(_ sim: PartnerCenterSimulator, _ token: String, secret: String = "sim-client-secret")
        async throws -> LoopbackHTTPResponse
    {
        try await sim.postForm(
            path,
            [
                ("grant_type", "refresh_token"), ("client_id", "sim-client-id"), ("client_secret", secret),
                ("refresh_token", token),
                ("scope", "https://api.partner.microsoft.com/user_impersonation offline_access"),
            ])
    }

    @Test("refresh tokens rotate; a replaced one works during the grace")
    func rotation() async throws {
        var configuration = SimulatorHarness.configuration(referrals: 10)
        // A grace far longer than the steps below take on a loaded machine (a full parallel suite on 2 cores).
        configuration.auth.refreshTokenGraceSeconds = 300
        try await withSimulator(configuration) { sim in
            let first = try JSON.object(try await Self.refresh(sim, "sim-refresh-token").body)
            #expect(first["token_type"] as? String == "Bearer")
            #expect(first["expires_in"] as? Int == 3600)
            #expect((first["scope"] as? String)?.contains("user_impersonation") == true)
            let access = first["access_token"] as? String ?? ""
            let rotated = first["refresh_token"] as? String ?? ""
            #expect(!rotated.isEmpty && rotated != "sim-refresh-token")
            #expect(try await sim.get("/v1.0/engagements/referrals?$top=1", token: access).status == 200)
            // The replaced token still works within the grace; the new one works too.
            #expect(try await Self.refresh(sim, "sim-refresh-token").status == 200)
            let second = try JSON.object(try await Self.refresh(sim, rotated).body)
            #expect(second["refresh_token"] as? String != rotated)
            #expect(try await Self.refresh(sim, second["refresh_token"] as? String ?? "").status == 200)
        }
    }

    @Test("a replaced refresh token fails once its grace is over; the newest still works")
    func rotationGraceEnds() async throws {
        var configuration = SimulatorHarness.configuration(referrals: 10)
        configuration.auth.refreshTokenGraceSeconds = 1
        try await withSimulator(configuration) { sim in
            let first = try JSON.object(try await Self.refresh(sim, "sim-refresh-token").body)
            let rotatedAt = ContinuousClock.now  // the simulator rotated before it answered
            let rotated = first["refresh_token"] as? String ?? ""
            try await Task.sleep(until: rotatedAt + .milliseconds(1_500))
            let late = try await Self.refresh(sim, "sim-refresh-token")
            #expect(late.status == 400)
            let body = try JSON.object(late.body)
            #expect(body["error"] as? String == "invalid_grant")
            #expect((body["error_description"] as? String)?.hasPrefix("AADSTS70000") == true)
            // The newest token, never replaced, still works.
            #expect(try await Self.refresh(sim, rotated).status == 200)
        }
    }

    @Test("bad credentials: unknown refresh token 400, wrong secret 401 invalid_client, bad grant 400")
    func badCredentials() async throws {
        try await withSimulator(SimulatorHarness.configuration(referrals: 10)) { sim in
            let unknown = try await Self.refresh(sim, "nope")
            #expect(unknown.status == 400)
            #expect(try JSON.object(unknown.body)["error"] as? String == "invalid_grant")
            let secret = try await Self.refresh(sim, "sim-refresh-token", secret: "wrong")
            #expect(secret.status == 401)
            #expect(try JSON.object(secret.body)["error"] as? String == "invalid_client")
            let grant = try await sim.postForm(Self.path, [("grant_type", "password"), ("client_id", "sim-client-id")])
            #expect(grant.status == 400)
            #expect(try JSON.object(grant.body)["error"] as? String == "unsupported_grant_type")
        }
    }

    static func startDeviceCode(_ sim: PartnerCenterSimulator) async throws -> [String: Any] {
        let response = try await sim.postForm(
            "/common/oauth2/v2.0/devicecode",
            [
                ("client_id", "sim-client-id"),
                ("scope", "https://api.partner.microsoft.com/user_impersonation offline_access"),
            ])
        return try JSON.object(response.body)
    }

    static func poll(_ sim: PartnerCenterSimulator, _ deviceCode: String) async throws -> [String: Any] {
        try JSON.object(
            try await sim.postForm(
                Self.path,
                [
                    ("grant_type", "urn:ietf:params:oauth:grant-type:device_code"), ("client_id", "sim-client-id"),
                    ("device_code", deviceCode),
                ]
            ).body)
    }

    @Test("device code: pending until approved by the admin endpoint, then tokens, once")
    func deviceCodeApproved() async throws {
        try await withSimulator(SimulatorHarness.configuration(referrals: 10)) { sim in
            let start = try await Self.startDeviceCode(sim)
            let device = start["device_code"] as? String ?? ""
            let user = start["user_code"] as? String ?? ""
            #expect(start["verification_uri"] as? String == "https://microsoft.com/devicelogin")
            #expect((start["message"] as? String)?.contains(user) == true)
            #expect(start["interval"] is Int && start["expires_in"] is Int)
            for _ in 0..<3 { #expect(try await Self.poll(sim, device)["error"] as? String == "authorization_pending") }
            let approve = try await LoopbackHTTPClient.send(
                "POST", sim.baseURL + "/admin/devicecode/approve?user_code=\(user)")
            #expect(approve.status == 200)
            let tokens = try await Self.poll(sim, device)
            let access = tokens["access_token"] as? String
            #expect(tokens["refresh_token"] is String)
            #expect(try await sim.get("/v1.0/engagements/referrals?$top=1", token: access).status == 200)
            #expect(try await Self.poll(sim, device)["error"] as? String == "invalid_grant")
        }
    }

    @Test("device code: approved by itself after N polls")
    func deviceCodeAutoApproved() async throws {
        var configuration = SimulatorHarness.configuration(referrals: 10)
        configuration.auth.deviceCodeAutoApproveAfterPolls = 2
        try await withSimulator(configuration) { sim in
            let device = try await Self.startDeviceCode(sim)["device_code"] as? String ?? ""
            var errors: [String?] = []
            for _ in 0..<3 { errors.append(try await Self.poll(sim, device)["error"] as? String) }
            #expect(errors == ["authorization_pending", "authorization_pending", nil])
        }
    }
}
