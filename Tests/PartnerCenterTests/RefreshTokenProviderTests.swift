import ETLCore
import Foundation
import Logging
import PartnerCenter
import Testing

@Suite struct RefreshTokenProviderTests {
    static let endpoint = TokenEndpoint(
        authority: "https://login.example.com", tenantID: "tenant", clientID: "app", clientSecret: "client-secret")

    static func temporaryCachePath() -> String {
        NSTemporaryDirectory() + "rtp-\(UUID().uuidString)/nested/token-cache.json"
    }

    static func form(_ request: HTTPRequest) -> [String: String] {
        let body = String(decoding: request.body ?? [], as: UTF8.self)
        var fields: [String: String] = [:]
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            fields[parts[0]] = parts.count > 1 ? (parts[1].removingPercentEncoding ?? parts[1]) : ""
        }
        return fields
    }

    /// A token endpoint that accepts `valid` refresh tokens and rotates them to `rotated-N`.
    static func identityPlatform(valid: Set<String>, expiresIn: String = "3600") -> FakeTransport {
        FakeTransport { request, index in
            let fields = form(request)
            guard fields["client_secret"] == "client-secret" else { return .json(401, #"{"error":"invalid_client"}"#) }
            guard let token = fields["refresh_token"], valid.contains(token) || token.hasPrefix("rotated-") else {
                return .json(
                    400, #"{"error":"invalid_grant","error_description":"AADSTS700082: The refresh token has expired"}"#
                )
            }
            return .json(
                200,
                #"{"token_type":"Bearer","expires_in":\#(expiresIn),"access_token":"access-\#(index)","refresh_token":"rotated-\#(index)"}"#
            )
        }
    }

    @Test func cachesUntilShortlyBeforeExpiryAndPersistsRotation() async throws {
        let path = Self.temporaryCachePath()
        let transport = Self.identityPlatform(valid: ["env-token"], expiresIn: #""3600""#)
        let clock = TestClock()
        let provider = RefreshTokenProvider(
            endpoint: Self.endpoint, refreshToken: "env-token", cache: TokenCache(path: path), transport: transport,
            clock: clock, logger: Logger(label: "test"))
        #expect(try await provider.accessToken() == "access-0")
        #expect(try await provider.accessToken() == "access-0")
        #expect(transport.requests.count == 1)
        #expect(transport.requests[0].url == "https://login.example.com/tenant/oauth2/v2.0/token")
        let fields = Self.form(transport.requests[0])
        #expect(fields["grant_type"] == "refresh_token")
        #expect(fields["scope"] == "https://api.partner.microsoft.com/user_impersonation offline_access")
        #expect(TokenCache(path: path).refreshToken(for: Self.endpoint.cacheKey) == "rotated-0")
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        clock.advance(seconds: 3600 - 60)
        #expect(try await provider.accessToken() == "access-1")
        #expect(Self.form(transport.requests[1])["refresh_token"] == "rotated-0")
        #expect(TokenCache(path: path).refreshToken(for: Self.endpoint.cacheKey) == "rotated-1")
    }

    @Test func refreshesAfterRejectionOnlyOnceForTheSameToken() async throws {
        let transport = Self.identityPlatform(valid: ["env-token"], expiresIn: "3600")
        let provider = RefreshTokenProvider(
            endpoint: Self.endpoint, refreshToken: "env-token", cache: nil, transport: transport, clock: TestClock(),
            logger: Logger(label: "test"))
        let first = try await provider.accessToken()
        let second = try await provider.refreshAfterRejection(of: first)
        #expect(second != first)
        #expect(try await provider.refreshAfterRejection(of: first) == second)
        #expect(transport.requests.count == 2)
    }

    @Test func cachedTokenFirstThenEnvironment() async throws {
        let path = Self.temporaryCachePath()
        try TokenCache(path: path).store("stale-cached", for: Self.endpoint.cacheKey, now: TestClock().now())
        let transport = Self.identityPlatform(valid: ["env-token"])
        let provider = RefreshTokenProvider(
            endpoint: Self.endpoint, refreshToken: "env-token", cache: TokenCache(path: path), transport: transport,
            clock: TestClock(), logger: Logger(label: "test"))
        _ = try await provider.accessToken()
        #expect(transport.requests.map { Self.form($0)["refresh_token"] } == ["stale-cached", "env-token"])
    }

    @Test func everyRefreshTokenRejected() async throws {
        let transport = Self.identityPlatform(valid: [])
        let provider = RefreshTokenProvider(
            endpoint: Self.endpoint, refreshToken: "env-token", cache: nil, transport: transport, clock: TestClock(),
            logger: Logger(label: "test"))
        do {
            _ = try await provider.accessToken()
            Issue.record("no error")
        } catch let error as PartnerCenterError {
            #expect(error.code == .credentialsRejected)
            #expect(error.context["oauth.aadsts"] == "AADSTS700082")
            #expect(!error.description.contains("env-token"))
        }
    }

    @Test func badClientSecretIsCredentialsRejected() async throws {
        let endpoint = TokenEndpoint(
            authority: "https://login.example.com", tenantID: "tenant", clientID: "app", clientSecret: "wrong")
        let provider = RefreshTokenProvider(
            endpoint: endpoint, refreshToken: "env-token", cache: nil,
            transport: Self.identityPlatform(valid: ["env-token"]),
            clock: TestClock(), logger: Logger(label: "test"))
        await #expect(throws: PartnerCenterError(.credentialsRejected, "")) { _ = try await provider.accessToken() }
    }

    @Test func noRefreshTokenAnywhereIsConfiguration() async throws {
        let provider = RefreshTokenProvider(
            endpoint: Self.endpoint, refreshToken: nil, cache: TokenCache(path: Self.temporaryCachePath()),
            transport: Self.identityPlatform(valid: []), clock: TestClock(), logger: Logger(label: "test"))
        await #expect(throws: PartnerCenterError(.configuration, "")) { _ = try await provider.accessToken() }
    }

    @Test func tokenCacheKeepsOtherEntries() throws {
        let cache = TokenCache(path: Self.temporaryCachePath())
        try cache.store("one", for: "a", now: TestClock().now())
        try cache.store("two", for: "b", now: TestClock().now())
        try cache.store("three", for: "a", now: TestClock().now())
        #expect(cache.refreshToken(for: "a") == "three")
        #expect(cache.refreshToken(for: "b") == "two")
        #expect(cache.refreshToken(for: "c") == nil)
    }
}
