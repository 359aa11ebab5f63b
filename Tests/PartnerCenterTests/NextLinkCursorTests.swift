import PartnerCenter
import Testing

@Suite struct NextLinkCursorTests {
    static func cursor(_ base: String = "https://api.partner.microsoft.com", cap: Int = 100) throws -> NextLinkCursor {
        var cursor = NextLinkCursor(endpoint: try APIEndpoint(baseURL: base), pageCap: cap)
        _ = cursor.start(ReferralQuery())
        return cursor
    }

    @Test func documentedHTTPLinkIsUpgradedAndKeptOpaque() throws {
        var cursor = try Self.cursor()
        let url = try cursor.follow("http://api.partner.microsoft.com/v1.0/referrals?$skiptoken=k181pEdP0ykyp%2B%3D")
        #expect(url == "https://api.partner.microsoft.com/v1.0/referrals?$skiptoken=k181pEdP0ykyp%2B%3D")
        #expect(cursor.pages == 2)
    }

    @Test func sameHostGetsTheBasesSchemeAndPort() throws {
        var cursor = try Self.cursor("http://127.0.0.1:8123")
        #expect(
            try cursor.follow("http://127.0.0.1/v1.0/engagements/referrals?$skip=10")
                == "http://127.0.0.1:8123/v1.0/engagements/referrals?$skip=10")
        #expect(try cursor.follow("https://127.0.0.1:9999/x?y=1") == "http://127.0.0.1:8123/x?y=1")
        #expect(try cursor.follow("/relative?z=1") == "http://127.0.0.1:8123/relative?z=1")
    }

    @Test func hostComparisonIgnoresCaseAndTrailingDot() throws {
        var cursor = try Self.cursor()
        #expect(try cursor.follow("https://API.Partner.Microsoft.com./a") == "https://api.partner.microsoft.com/a")
    }

    @Test(arguments: [
        "https://evil.example/v1.0/referrals?$skiptoken=x",
        "https://api.partner.microsoft.com.evil.example/x",
        "https://api.partner.microsoft.com@evil.example/x",
        "//evil.example/x",
        "ftp://api.partner.microsoft.com/x",
    ])
    func foreignHostIsRefused(link: String) throws {
        var cursor = try Self.cursor()
        #expect(throws: PartnerCenterError(.foreignHost, "")) { try cursor.follow(link) }
    }

    @Test func foreignHostErrorNamesTheHost() throws {
        var cursor = try Self.cursor()
        do {
            _ = try cursor.follow("https://evil.example/x")
            Issue.record("no error")
        } catch {
            #expect(error.code == .foreignHost)
            #expect(error.description.contains("evil.example"))
            #expect(error.disposition == .dataUnusable)
        }
    }

    @Test func repeatedLinkIsRefused() throws {
        var cursor = try Self.cursor()
        _ = try cursor.follow("https://api.partner.microsoft.com/v1.0/referrals?$skiptoken=a")
        #expect(throws: PartnerCenterError(.pagingLoop, "")) {
            try cursor.follow("http://api.partner.microsoft.com/v1.0/referrals?$skiptoken=a")
        }
    }

    @Test func linkBackToTheFirstPageIsALoop() throws {
        var cursor = try Self.cursor()
        #expect(throws: PartnerCenterError(.pagingLoop, "")) {
            try cursor.follow("https://api.partner.microsoft.com/v1.0/engagements/referrals")
        }
    }

    @Test func pageCap() throws {
        var cursor = try Self.cursor(cap: 3)
        _ = try cursor.follow("/a")
        _ = try cursor.follow("/b")
        #expect(throws: PartnerCenterError(.pageCapReached, "")) { try cursor.follow("/c") }
    }

    @Test func oddPathFallback() throws {
        let cursor = try Self.cursor()
        #expect(
            cursor.fallbackURL(for: "https://api.partner.microsoft.com/v1.0/referrals?$skiptoken=x")
                == "https://api.partner.microsoft.com/v1.0/engagements/referrals?$skiptoken=x")
        #expect(cursor.fallbackURL(for: "https://api.partner.microsoft.com/v1.0/engagements/referrals?x") == nil)
        #expect(cursor.fallbackURL(for: "https://api.partner.microsoft.com/v1.0/referralsX") == nil)
    }

    @Test(arguments: [
        ("http://api.partner.microsoft.com", false), ("http://10.0.0.1:80", false), ("http://127.0.0.1:1", true),
        ("http://127.9.8.7", true), ("http://[::1]:8080", true), ("http://localhost:80", true),
        ("https://api.partner.microsoft.com", true), ("api.partner.microsoft.com", false),
        ("https://h/x?y=1", false), ("http://127.0.0.1.evil.example", false),
    ])
    func plainHTTPOnlyForLoopback(base: String, accepted: Bool) {
        #expect(((try? APIEndpoint(baseURL: base)) != nil) == accepted)
    }
}
