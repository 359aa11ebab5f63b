import PartnerCenter
import Testing

@Suite struct ReferralQueryTests {
    static let watermark = Timestamp(parsing: "2024-01-01T00:00:00Z") ?? Timestamp(ticks: 0)

    @Test(arguments: [
        (ReferralQuery(), ""),
        (
            ReferralQuery(incremental: ReferralQuery.updatedSince(watermark), orderBy: "updatedDateTime asc"),
            "$filter=updatedDateTime%20ge%202024-01-01T00:00:00Z&$orderby=updatedDateTime%20asc"
        ),
        (
            ReferralQuery(filter: "direction eq 'Incoming'", incremental: "updatedDateTime ge 2024-01-01T00:00:00Z"),
            "$filter=(direction%20eq%20%27Incoming%27)%20and%20(updatedDateTime%20ge%202024-01-01T00:00:00Z)"
        ),
        (ReferralQuery(filter: "  status eq 'New'  "), "$filter=status%20eq%20%27New%27"),
        (ReferralQuery(select: ["id", "status", "customerProfile"]), "$select=id,status,customerProfile"),
        (ReferralQuery(top: 10), "$top=10"),
        (
            ReferralQuery(filter: "team/any(t:t/email eq 'a+b&c=d#e%f@x.com')"),
            "$filter=team/any(t:t/email%20eq%20%27a%2Bb%26c%3Dd%23e%25f%40x.com%27)"
        ),
        (ReferralQuery(filter: "name eq 'Zürich'"), "$filter=name%20eq%20%27Z%C3%BCrich%27"),
        (ReferralQuery(filter: "", incremental: "x eq 1"), "$filter=x%20eq%201"),
    ])
    func encodesOnce(query: ReferralQuery, expected: String) {
        #expect(query.queryString == expected)
    }

    @Test func fullExportSendsNoTop() {
        #expect(!ReferralQuery(orderBy: "createdDateTime asc").queryString.contains("$top"))
    }

    @Test func encodingIsNotAppliedTwice() {
        // An already-escaped sequence in the user's text is the user's text: `%20` becomes `%2520`, once.
        #expect(QueryEncoding.encode("a%20b") == "a%2520b")
        #expect(QueryEncoding.escapeIllegal("https://h/p?$skiptoken=a%20b c") == "https://h/p?$skiptoken=a%20b%20c")
        let once = QueryEncoding.escapeIllegal("https://h/p?x='a b'")
        #expect(QueryEncoding.escapeIllegal(once) == once)
    }

    @Test func backfillWindow() {
        let start = Timestamp(parsing: "2023-01-01T00:00:00Z")
        let end = Timestamp(parsing: "2023-02-01T00:00:00.5Z")
        #expect(
            ReferralQuery.createdWindow(from: start, until: end)
                == "createdDateTime ge 2023-01-01T00:00:00Z and createdDateTime lt 2023-02-01T00:00:00.5000000Z")
        #expect(ReferralQuery.createdWindow(from: nil, until: nil) == nil)
        #expect(ReferralQuery.createdWindow(from: start, until: nil) == "createdDateTime ge 2023-01-01T00:00:00Z")
    }

    @Test func firstPageURL() throws {
        let endpoint = try APIEndpoint(baseURL: "https://api.partner.microsoft.com/")
        #expect(
            endpoint.firstPageURL(ReferralQuery(orderBy: "updatedDateTime asc"))
                == "https://api.partner.microsoft.com/v1.0/engagements/referrals?$orderby=updatedDateTime%20asc")
        #expect(
            endpoint.firstPageURL(ReferralQuery()) == "https://api.partner.microsoft.com/v1.0/engagements/referrals")
    }
}
