import ETLCore
import Logging
import PartnerCenter
import Testing

/// The pager and the request executor over an in-memory transport: headers, paging, guards, retries, budget.
@Suite struct ReferralPagesTests {
    static let base = "https://api.partner.microsoft.com"

    static func client(
        _ transport: FakeTransport, clock: TestClock = TestClock(), budget: Double = 900, pageCap: Int = 100,
        tokens: (any TokenProvider)? = nil, logger: Logger = Logger(label: "test")
    ) throws -> PartnerCenterClient {
        let configuration = PartnerCenterConfiguration(
            baseURL: base, credentials: .accessToken("token-abc"), retryBudget: budget, pageCap: pageCap,
            userAgentVersion: "9.9.9", correlationID: "corr-1")
        return try PartnerCenterClient(
            configuration: configuration, logger: logger, transport: transport, tokenProvider: tokens, clock: clock)
    }

    static func page(_ ids: [String], next: String? = nil) -> HTTPResponse {
        let items = ids.map { #"{"id":"\#($0)"}"# }.joined(separator: ",")
        let link = next.map { #","@odata.nextLink":"\#($0)""# } ?? ""
        return .json(200, #"{"value":[\#(items)]\#(link)}"#)
    }

    /// The error that reading every page over `transport` ends with (a test issue when there is none).
    static func failure(_ transport: FakeTransport) async throws -> PartnerCenterError? {
        do {
            _ = try await collect(try client(transport).pages(ReferralQuery()))
            Issue.record("no error")
            return nil
        } catch let error as PartnerCenterError {
            return error
        }
    }

    static func collect(_ pages: ReferralPages) async throws -> [ReferralPage] {
        var out: [ReferralPage] = []
        for try await page in pages { out.append(page) }
        return out
    }

    @Test func followsNextLinksAndSendsTheHeaders() async throws {
        let transport = FakeTransport { request, index in
            switch index {
            case 0:
                return Self.page(
                    ["a", "b"], next: "http://api.partner.microsoft.com/v1.0/engagements/referrals?$skiptoken=X%2B1")
            default: return Self.page(["c"])
            }
        }
        let client = try Self.client(transport)
        let pages = try await Self.collect(client.pages(ReferralQuery(orderBy: "updatedDateTime asc")))
        #expect(pages.map(\.number) == [1, 2])
        #expect(pages.flatMap(\.referrals).map(\.id) == ["a", "b", "c"])
        let requests = transport.requests
        #expect(
            requests.map(\.url) == [
                "https://api.partner.microsoft.com/v1.0/engagements/referrals?$orderby=updatedDateTime%20asc",
                "https://api.partner.microsoft.com/v1.0/engagements/referrals?$skiptoken=X%2B1",
            ])
        for request in requests {
            #expect(request.header("Authorization") == "Bearer token-abc")
            #expect(request.header("Accept") == "application/json")
            #expect(request.header("MS-CorrelationId") == "corr-1")
            #expect(request.header("User-Agent") == "referrals-etl/9.9.9")
            #expect(request.header("client-request-id") == request.header("MS-RequestId"))
        }
        #expect(requests[0].header("client-request-id") != requests[1].header("client-request-id"))
        #expect(client.correlationID == "corr-1")
    }

    @Test func fetchesOnlyWhenAsked() async throws {
        let transport = FakeTransport { _, index in Self.page(["p\(index)"], next: "?next=\(index)") }
        let client = try Self.client(transport)
        var iterator = client.pages(ReferralQuery()).makeAsyncIterator()
        _ = try await iterator.next()
        _ = try await iterator.next()
        #expect(transport.requests.count == 2)
    }

    @Test func retriesKeepTheRequestIDAndHonourRetryAfter() async throws {
        let transport = FakeTransport { _, index in
            switch index {
            case 0: return .json(429, "{}", headers: [("Retry-After", "3")])
            case 1: return .json(503, "{}")
            case 2: return HTTPResponse(status: 200, body: Array(PageFixtures.truncated.utf8))
            default: return Self.page(["a"])
            }
        }
        let clock = TestClock(random: 0.5)
        let pages = try await Self.collect(try Self.client(transport, clock: clock).pages(ReferralQuery()))
        #expect(pages.count == 1)
        #expect(clock.sleeps == [3, 1, 2])
        #expect(Set(transport.requests.map { $0.header("MS-RequestId") ?? "" }).count == 1)
    }

    @Test func clientErrorsFailAtOnceWithTheAPIsCodeAndRequestID() async throws {
        let transport = FakeTransport { _, _ in
            .json(
                400, #"{"error":{"code":"invalidRequest","message":"Bad $filter"}}"#, headers: [("request-id", "rid-7")]
            )
        }
        do {
            _ = try await Self.collect(try Self.client(transport).pages(ReferralQuery(filter: "bad")))
            Issue.record("no error")
        } catch let error as PartnerCenterError {
            #expect(error.code == .requestRejected)
            #expect(error.context["api.code"] == "invalidRequest")
            #expect(error.context["api.message"] == "Bad $filter")
            #expect(error.context[LogKey.requestID] == "rid-7")
            #expect(transport.requests.count == 1)
        }
    }

    @Test(arguments: [403, 401])
    func refusedAccessIsCredentialsRejected(status: Int) async throws {
        let transport = FakeTransport { _, _ in .json(status, #"{"error":{"code":"accessDenied","message":"no"}}"#) }
        do {
            _ = try await Self.collect(try Self.client(transport).pages(ReferralQuery()))
            Issue.record("no error")
        } catch let error as PartnerCenterError {
            #expect(error.disposition == .credentialsRejected)
            if status == 403 { #expect(error.description.contains("Referrals Admin")) }
        }
    }

    @Test func budgetExhaustionIsTemporary() async throws {
        let transport = FakeTransport { _, _ in .json(429, "{}", headers: [("Retry-After", "10")]) }
        let clock = TestClock()
        do {
            _ = try await Self.collect(try Self.client(transport, clock: clock, budget: 25).pages(ReferralQuery()))
            Issue.record("no error")
        } catch let error as PartnerCenterError {
            #expect(error.code == .unavailable)
            #expect(error.disposition == .temporary)
            #expect(clock.sleeps == [10, 10])
        }
    }

    @Test func theSameMalformedBodyIsADataErrorNamingThePage() async throws {
        let transport = FakeTransport { _, index in
            index == 0
                ? Self.page(["a"], next: "?$skiptoken=p2&sig=hush")
                : HTTPResponse(status: 200, body: Array(PageFixtures.notJSON.utf8))
        }
        let error = try #require(await Self.failure(transport))
        #expect(error.code == .malformedPage)
        #expect(error.disposition == .dataUnusable)
        #expect(transport.requests.count == 1 + ReferralPages.identicalMalformedAttempts)
        #expect(error.description.contains("/v1.0/engagements/referrals?$skiptoken=p2&sig=<redacted>"))
        #expect(!error.description.contains("hush"))
    }

    @Test(arguments: [true, false])
    func truncatedOrChangingBodiesStayTemporary(truncated: Bool) async throws {
        let transport = FakeTransport { _, index in
            let text = truncated ? PageFixtures.truncated : (index % 2 == 0 ? PageFixtures.notJSON : "{\"value\":[}")
            return HTTPResponse(status: 200, body: Array(text.utf8))
        }
        let error = try #require(await Self.failure(transport))
        #expect(error.code == .unavailable)
        #expect(error.disposition == .temporary)
        #expect(transport.requests.count == RetryPolicy().maxAttempts)
    }

    @Test func aByteOrderMarkIsSkipped() async throws {
        let transport = FakeTransport { _, _ in
            HTTPResponse(status: 200, body: [0xEF, 0xBB, 0xBF] + Array(#"{"value":[{"id":"a"}]}"#.utf8))
        }
        let pages = try await Self.collect(try Self.client(transport).pages(ReferralQuery()))
        #expect(pages.flatMap(\.referrals).map(\.id) == ["a"])
        #expect(transport.requests.count == 1)
    }

    @Test func aFourHundredOnANextLinkSaysTheAPIRefusedItsOwnLink() async throws {
        let transport = FakeTransport { _, index in
            index == 0 ? Self.page(["a"], next: "?$skiptoken=zz") : .json(400, #"{"error":{"code":"invalidRequest"}}"#)
        }
        let error = try #require(await Self.failure(transport))
        #expect(error.code == .nextLinkRejected)
        #expect(error.disposition == .dataUnusable)
        #expect(error.description.contains("refused its own nextLink"))
        #expect(!error.description.contains("$filter /"))
    }

    @Test func driftIsNotALoopAndAnEmptySelfLinkEnds() async throws {
        // Page 2 repeats page 1 (rows shifted), page 3 brings c, page 4 is empty and links to itself.
        let transport = FakeTransport { _, index in
            switch index {
            case 0: return Self.page(["a", "b"], next: "?p=2")
            case 1: return Self.page(["b", "a"], next: "?p=3")
            case 2: return Self.page(["c"], next: "?p=4")
            default: return Self.page([], next: "?p=4")
            }
        }
        let pages = try await Self.collect(try Self.client(transport).pages(ReferralQuery()))
        #expect(pages.flatMap(\.referrals).map(\.id) == ["a", "b", "b", "a", "c"])
        #expect(transport.requests.count == 4)
    }

    @Test func oddPathFallsBackAfter404AndRemembers() async throws {
        let transport = FakeTransport { request, _ in
            if request.url.contains("/v1.0/referrals") { return .json(404, "{}") }
            if request.url.hasSuffix("t=1") {
                return Self.page(["b"], next: "http://api.partner.microsoft.com/v1.0/referrals?t=2")
            }
            if request.url.hasSuffix("t=2") { return Self.page(["c"]) }
            return Self.page(["a"], next: "http://api.partner.microsoft.com/v1.0/referrals?t=1")
        }
        let pages = try await Self.collect(try Self.client(transport).pages(ReferralQuery()))
        #expect(pages.flatMap(\.referrals).map(\.id) == ["a", "b", "c"])
        #expect(
            transport.requests.map(\.url).dropFirst() == [
                "https://api.partner.microsoft.com/v1.0/referrals?t=1",
                "https://api.partner.microsoft.com/v1.0/engagements/referrals?t=1",
                "https://api.partner.microsoft.com/v1.0/engagements/referrals?t=2",
            ])
    }

    @Test func foreignHostIsRefusedAfterDeliveringThePage() async throws {
        let transport = FakeTransport { _, _ in Self.page(["a"], next: "https://evil.example/steal?x=1") }
        var iterator = try Self.client(transport).pages(ReferralQuery()).makeAsyncIterator()
        #expect(try await iterator.next()?.referrals.map(\.id) == ["a"])
        await #expect(throws: PartnerCenterError(.foreignHost, "")) { _ = try await iterator.next() }
        #expect(try await iterator.next() == nil)
        #expect(transport.requests.allSatisfy { $0.url.hasPrefix(Self.base) })
    }

    @Test func loopingLinksStop() async throws {
        let repeated = FakeTransport { _, index in Self.page(["a\(index)"], next: "?same") }
        await #expect(throws: PartnerCenterError(.pagingLoop, "")) {
            _ = try await Self.collect(try Self.client(repeated).pages(ReferralQuery()))
        }
        let seenOnly = FakeTransport { _, index in Self.page(["a", "b"], next: "?p=\(index)") }
        await #expect(throws: PartnerCenterError(.pagingLoop, "")) {
            _ = try await Self.collect(try Self.client(seenOnly).pages(ReferralQuery()))
        }
        #expect(seenOnly.requests.count == 1 + ReferralPages.maxPagesWithoutNewReferrals)
        let empty = FakeTransport { _, index in Self.page([], next: "?e=\(index)") }
        await #expect(throws: PartnerCenterError(.pagingLoop, "")) {
            _ = try await Self.collect(try Self.client(empty).pages(ReferralQuery()))
        }
        #expect(empty.requests.count == ReferralPages.maxPagesWithoutNewReferrals)
        let capped = FakeTransport { _, index in Self.page(["x\(index)"], next: "?c=\(index)") }
        await #expect(throws: PartnerCenterError(.pageCapReached, "")) {
            _ = try await Self.collect(try Self.client(capped, pageCap: 5).pages(ReferralQuery()))
        }
        #expect(capped.requests.count == 5)
    }

    @Test func staticTokenRejectedIsCredentialsRejected() async throws {
        let transport = FakeTransport { _, _ in .json(401, "{}") }
        await #expect(throws: PartnerCenterError(.credentialsRejected, "")) {
            _ = try await Self.collect(try Self.client(transport).pages(ReferralQuery()))
        }
        #expect(transport.requests.count == 1)
    }
}
