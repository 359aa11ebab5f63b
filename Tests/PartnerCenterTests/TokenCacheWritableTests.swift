import ETLCore
import Foundation
import Logging
import PartnerCenter
import Testing

/// The token cache is checked before a refresh token is redeemed (redeeming uses it up), and a rotated token
/// that cannot be saved says the old one is gone and how to sign in again.
@Suite struct TokenCacheWritableTests {
    static func provider(cache path: String, transport: FakeTransport) -> RefreshTokenProvider {
        RefreshTokenProvider(
            endpoint: RefreshTokenProviderTests.endpoint, refreshToken: "env-token", cache: TokenCache(path: path),
            transport: transport, clock: TestClock(), logger: Logger(label: "test"))
    }

    @Test("an unwritable cache stops before the refresh token is sent")
    func unwritableCacheIsCheckedFirst() async throws {
        // A regular file where the cache's directory should be: nothing can be created under it.
        let blocker = NSTemporaryDirectory() + "tcw-\(UUID().uuidString)"
        FileManager.default.createFile(atPath: blocker, contents: Data("x".utf8))
        defer { try? FileManager.default.removeItem(atPath: blocker) }
        let transport = RefreshTokenProviderTests.identityPlatform(valid: ["env-token"])
        let error = await #expect(throws: PartnerCenterError.self) {
            _ = try await Self.provider(cache: blocker + "/sub/token-cache.json", transport: transport).accessToken()
        }
        #expect(error?.code == .configuration)
        #expect(error?.message.contains("not writable") == true)
        #expect(error?.message.contains("PARTNER_CENTER_TOKEN_CACHE") == true)
        #expect(transport.requests.isEmpty, "the refresh token was redeemed before the cache was checked")
    }

    @Test("a rotated token that cannot be saved: the error says the old one is used up and how to sign in")
    func rotatedTokenNotSaved() async throws {
        // The cache path is a non-empty directory: writable to the check, but the final rename fails.
        let path = NSTemporaryDirectory() + "tcw-\(UUID().uuidString)/token-cache.json"
        try FileManager.default.createDirectory(atPath: path + "/occupied", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let transport = RefreshTokenProviderTests.identityPlatform(valid: ["env-token"])
        let error = await #expect(throws: PartnerCenterError.self) {
            _ = try await Self.provider(cache: path, transport: transport).accessToken()
        }
        #expect(error?.message.contains("used up") == true)
        #expect(error?.message.contains("referrals-etl login") == true)
        #expect(transport.requests.count == 1)
    }
}
