import ETLCore
import PartnerCenter
import Testing

@Suite struct CredentialsTests {
    static let refresh = [
        "PARTNER_CENTER_TENANT_ID": "contoso.onmicrosoft.com", "PARTNER_CENTER_CLIENT_ID": "app",
        "PARTNER_CENTER_CLIENT_SECRET": "s3cret", "PARTNER_CENTER_REFRESH_TOKEN": "rt", "HOME": "/home/etl",
    ]

    @Test func accessTokenWins() throws {
        var env = Self.refresh
        env["PARTNER_CENTER_ACCESS_TOKEN"] = "at"
        #expect(try PartnerCenterCredentials.fromEnvironment(env) == .accessToken("at"))
    }

    @Test func refreshFlowWithDefaults() throws {
        let credentials = try PartnerCenterCredentials.fromEnvironment(Self.refresh)
        guard case .refreshToken(let endpoint, let token, let cachePath) = credentials else {
            Issue.record("not the refresh flow")
            return
        }
        #expect(endpoint.tokenURL == "https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token")
        #expect(endpoint.clientSecret == "s3cret")
        #expect(endpoint.scope == "https://api.partner.microsoft.com/user_impersonation offline_access")
        #expect(token == "rt")
        #expect(cachePath == "/home/etl/.config/referrals-etl/token-cache.json")
    }

    @Test func authorityAndCachePathOverrides() throws {
        var env = Self.refresh
        env["PARTNER_CENTER_AUTHORITY_URL"] = "http://127.0.0.1:9000/"
        env["PARTNER_CENTER_TOKEN_CACHE"] = "/tmp/cache.json"
        env["PARTNER_CENTER_REFRESH_TOKEN"] = nil
        guard
            case .refreshToken(let endpoint, let token, let cachePath) = try PartnerCenterCredentials.fromEnvironment(
                env)
        else {
            Issue.record("not the refresh flow")
            return
        }
        #expect(endpoint.tokenURL == "http://127.0.0.1:9000/contoso.onmicrosoft.com/oauth2/v2.0/token")
        #expect(token == nil)
        #expect(cachePath == "/tmp/cache.json")
    }

    @Test(
        arguments: [
            ([:], ["PARTNER_CENTER_TENANT_ID", "PARTNER_CENTER_CLIENT_ID", "PARTNER_CENTER_CLIENT_SECRET"]),
            (
                ["PARTNER_CENTER_TENANT_ID": "t", "PARTNER_CENTER_CLIENT_SECRET": " "],
                ["PARTNER_CENTER_CLIENT_ID", "PARTNER_CENTER_CLIENT_SECRET"]
            ),
            (
                ["PARTNER_CENTER_ACCESS_TOKEN": "", "PARTNER_CENTER_TENANT_ID": "t", "PARTNER_CENTER_CLIENT_ID": "c"],
                ["PARTNER_CENTER_CLIENT_SECRET"]
            ),
        ] as [([String: String], [String])])
    func missingVariablesAreNamed(env: [String: String], missing: [String]) {
        do {
            _ = try PartnerCenterCredentials.fromEnvironment(env)
            Issue.record("no error")
        } catch {
            #expect(error.code == .configuration)
            #expect(error.disposition == .configuration)
            #expect(error.context["missing"] == missing.joined(separator: ","))
            for name in missing { #expect(error.description.contains(name)) }
        }
    }

    @Test func plainHTTPAuthorityMustBeLoopback() {
        var env = Self.refresh
        env["PARTNER_CENTER_AUTHORITY_URL"] = "http://login.example.com"
        #expect(throws: PartnerCenterError(.configuration, "")) { try PartnerCenterCredentials.fromEnvironment(env) }
    }

    @Test func configurationFromEnvironment() throws {
        var env = Self.refresh
        env["PARTNER_CENTER_ACCESS_TOKEN"] = "at"
        #expect(
            try PartnerCenterConfiguration.fromEnvironment(env, userAgentVersion: "1").baseURL
                == "https://api.partner.microsoft.com")
        env["PARTNER_CENTER_API_BASE_URL"] = "http://example.com"
        #expect(throws: PartnerCenterError(.configuration, "")) {
            try PartnerCenterConfiguration.fromEnvironment(env, userAgentVersion: "1")
        }
    }
}
