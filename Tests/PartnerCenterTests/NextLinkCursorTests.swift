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
        #expect(
            try cursor.follow("https://127.0.0.1:9999/v1.0/referrals?y=1") == "http://127.0.0.1:8123/v1.0/referrals?y=1"
        )
        #expect(
            try cursor.follow("/v1.0/engagements/referrals?z=1")
                == "http://127.0.0.1:8123/v1.0/engagements/referrals?z=1")
    }

    @Test func hostComparisonIgnoresCaseAndTrailingDot() throws {
        var cursor = try Self.cursor()
        #expect(
            try cursor.follow("https://API.Partner.Microsoft.com./v1.0/referrals?a")
                == "https://api.partner.microsoft.com/v1.0/referrals?a")
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
        _ = try cursor.follow("?a")
        _ = try cursor.follow("?b")
        #expect(throws: PartnerCenterError(.pageCapReached, "")) { try cursor.follow("?c") }
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

    /// RFC 3986 section 5 resolution against the page's URL, confined to the API's listing paths.
    @Test(arguments: [
        ("referrals?$skiptoken=p3", "https://api.partner.microsoft.com/v1.0/engagements/referrals?$skiptoken=p3"),
        ("?$skiptoken=p3", "https://api.partner.microsoft.com/v1.0/engagements/referrals?$skiptoken=p3"),
        (
            "/v1.0/engagements/referrals?$skiptoken=p3",
            "https://api.partner.microsoft.com/v1.0/engagements/referrals?$skiptoken=p3"
        ),
        ("../referrals?x=1", "https://api.partner.microsoft.com/v1.0/referrals?x=1"),
        ("./referrals?x=1#frag", "https://api.partner.microsoft.com/v1.0/engagements/referrals?x=1"),
        ("//api.partner.microsoft.com/v1.0/referrals?x=2", "https://api.partner.microsoft.com/v1.0/referrals?x=2"),
        ("/v1.0/Engagements/Referrals?x=3", "https://api.partner.microsoft.com/v1.0/Engagements/Referrals?x=3"),
        (
            "/v1.0/engagements/x/../referrals?x=4",
            "https://api.partner.microsoft.com/v1.0/engagements/referrals?x=4"
        ),
    ])
    func relativeLinksResolveAgainstThePage(link: String, expected: String) throws {
        var cursor = try Self.cursor()
        #expect(try cursor.follow(link) == expected)
    }

    @Test func relativeLinksUseTheBasePathOfTheConfiguredURL() throws {
        var cursor = try Self.cursor("https://api.example.com/prefix/")
        #expect(try cursor.follow("referrals?p=2") == "https://api.example.com/prefix/v1.0/engagements/referrals?p=2")
        #expect(throws: PartnerCenterError(.foreignHost, "")) { try cursor.follow("/v1.0/referrals?p=3") }
    }

    /// Issue 10: the token never goes to a path of the origin outside the API's listing paths.
    @Test(arguments: [
        "/private/steal?x=1", "https://api.partner.microsoft.com/admin", "../../oauth2/token?x=1", "../private?x",
        "/v1.0/engagements/referrals/../../../private", "/v1.0/engagements/referrals/abc", "/v1.0/engagements",
        "/v1.0/engagements/referrals%2F..%2F..%2Fprivate",
    ])
    func pathsOutsideTheListingAreRefused(link: String) throws {
        var cursor = try Self.cursor()
        do {
            _ = try cursor.follow(link)
            Issue.record("followed \(link)")
        } catch {
            #expect(error.code == .foreignHost)
            #expect(error.description.contains("outside the API's referral listing paths"))
        }
    }

    @Test func escapesAreKeptAndOnlyIllegalBytesEscaped() throws {
        var cursor = try Self.cursor()
        let link = "/v1.0/referrals?$skiptoken=a%2Bb%3D%25%2f&$filter=x eq 'é'&y=\"z\"|{}"
        #expect(
            try cursor.follow(link)
                == "https://api.partner.microsoft.com/v1.0/referrals?$skiptoken=a%2Bb%3D%25%2f&$filter=x%20eq%20'%C3%A9'"
                + "&y=%22z%22%7C%7B%7D")
    }

    @Test func alreadyFollowedResolvesFirst() throws {
        var cursor = try Self.cursor()
        let url = try cursor.follow("?p=2")
        #expect(cursor.alreadyFollowed("?p=2", base: url))
        #expect(cursor.alreadyFollowed(url))
        #expect(!cursor.alreadyFollowed("?p=3"))
    }

    @Test func pageURLRedactsCredentialLikeValues() {
        #expect(
            PageURL.redacted("https://h/v1.0/referrals?$skiptoken=p2&sig=abc&Token=x&code&name=a")
                == "https://h/v1.0/referrals?$skiptoken=p2&sig=<redacted>&Token=<redacted>&code&name=a")
        #expect(PageURL.redacted("https://h/x") == "https://h/x")
    }
}
