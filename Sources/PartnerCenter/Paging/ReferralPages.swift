import ETLCore
import Logging

/// The pages of one query, as an `AsyncSequence`: each page is fetched only when the consumer asks for it
/// (backpressure), by following `@odata.nextLink` until it is absent. See `docs/extract.md`, "Paging".
///
/// Tolerated: a relative nextLink (resolved against the page's URL); an empty page whose nextLink was already
/// followed (the listing ends, with a warning); pages whose referrals were all read before (drift: paging goes
/// on). Stopped as a loop (`pagingLoop`, `pageCapReached`, the error says which): a repeated link on a page
/// that is not empty, `maxPagesWithoutNewReferrals` pages in a row that bring nothing new, more pages than the cap.
/// A link to another host or outside the API's paths stops with `foreignHost` before anything is sent there. A
/// page already received is always delivered before the error about its nextLink is thrown.
public struct ReferralPages: AsyncSequence, Sendable {
    public typealias Element = ReferralPage

    let executor: RequestExecutor
    let endpoint: APIEndpoint
    let query: ReferralQuery
    let pageCap: Int
    let logger: Logger
    /// Deliver each page skimmed (`ReferralPageDecoder.skim`: elements in `skimmed`, not decoded) rather than
    /// decoded; the caller decodes what it needs.
    var skims = false
    /// Pages in a row with a nextLink but no referral not read before (empty, or drift) that stop the chain.
    public static let maxPagesWithoutNewReferrals = 3
    /// Attempts in a row answered with the same bytes failing the same way, after which retrying stops.
    public static let identicalMalformedAttempts = 3

    public func makeAsyncIterator() -> Iterator {
        Iterator(pages: self, cursor: NextLinkCursor(endpoint: endpoint, pageCap: pageCap))
    }

    /// Fetches the next page on each `next()`.
    public struct Iterator: AsyncIteratorProtocol {
        let pages: ReferralPages
        var cursor: NextLinkCursor
        var nextURL: String?
        var started = false
        var finished = false
        var pendingError: PartnerCenterError?
        var seenIDs = SeenReferralIDs()
        var withoutNewInARow = 0
        var oddPathNeedsFallback = false

        public mutating func next() async throws -> ReferralPage? {
            if let pendingError {
                finished = true
                self.pendingError = nil
                throw pendingError
            }
            guard !finished else { return nil }
            let url: String
            if !started {
                started = true
                url = cursor.start(pages.query)
            } else if let nextURL {
                url = nextURL
            } else {
                finished = true
                return nil
            }
            nextURL = nil
            let number = cursor.pages
            let fallback = cursor.fallbackURL(for: url)
            let target = oddPathNeedsFallback ? (fallback ?? url) : url
            let result: (value: ReferralPage, servedBy: String)
            do {
                var failures = MalformedAttempts()
                result = try await pages.executor.fetch(
                    target, fallbackURL: target == url ? fallback : nil, page: number
                ) {
                    (response) throws(ReferralPageDecoder.MalformedPage) in
                    do throws(ReferralPageDecoder.MalformedPage) {
                        return try pages.skims
                            ? ReferralPageDecoder.skim(response.body, number: number)
                            : ReferralPageDecoder.decode(response.body, number: number)
                    } catch {
                        throw failures.record(error, body: response.body)
                    }
                }
            } catch let error as PartnerCenterError {
                finished = true
                throw PageFailure.refine(error, page: number, url: target)
            } catch {
                finished = true
                throw error
            }
            if fallback != nil, result.servedBy != url { oddPathNeedsFallback = true }
            let page = result.value
            pages.logger.debug(
                "page received",
                metadata: [
                    LogKey.pageNumber: "\(number)",
                    LogKey.pageItems: "\(page.itemCount)",
                    "page.undecodable": "\(page.undecodable.count)", "page.odata_count": "\(page.odataCount ?? -1)",
                ])
            checkProgress(page, servedBy: result.servedBy)
            return page
        }

        /// Applies the loop guards and advances the cursor; errors about the nextLink are kept for the next call.
        private mutating func checkProgress(_ page: ReferralPage, servedBy: String) {
            let allSeen = seenIDs.insertAllSeen(page.referralIDs)
            guard let link = page.nextLink else {
                if page.number == 1, page.referralIDs.isEmpty {
                    pages.logger.info(
                        "the API returned no referrals; a Referrals User sees only its own", metadata: [:])
                }
                finished = true
                return
            }
            let empty = page.itemCount == 0
            if empty, cursor.alreadyFollowed(link, base: servedBy) {
                pages.logger.warning(
                    "the API sent an empty page whose nextLink was already followed; taking it as the end of the listing",
                    metadata: [LogKey.pageNumber: "\(page.number)"])
                finished = true
                return
            }
            withoutNewInARow = empty || allSeen ? withoutNewInARow + 1 : 0
            if allSeen {
                pages.logger.info(
                    "page held only referrals already read (rows shifted while paging); going on",
                    metadata: [LogKey.pageNumber: "\(page.number)"])
            }
            if withoutNewInARow >= ReferralPages.maxPagesWithoutNewReferrals {
                pendingError = PartnerCenterError(
                    .pagingLoop,
                    "paging loop: the API sent \(withoutNewInARow) pages in a row with a nextLink and no referral "
                        + "not read before (empty, or all already read); stopping",
                    context: [LogKey.pageNumber: "\(page.number)", "paging.loop": "pages_without_new_referrals"])
                return
            }
            do {
                nextURL = try cursor.follow(link, base: servedBy)
            } catch {
                pendingError = error
            }
        }
    }
}

/// The failed attempts at one page's body: when the same bytes fail the same way
/// `ReferralPages.identicalMalformedAttempts` times in a row, the failure is marked settled (not retried).
struct MalformedAttempts {
    private var last: (hash: UInt64, count: Int, reason: String)?
    private var identical = 0

    mutating func record(
        _ failure: ReferralPageDecoder.MalformedPage, body: [UInt8]
    ) -> ReferralPageDecoder.MalformedPage {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in body { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        if let last, last.hash == hash, last.count == body.count, last.reason == failure.reason {
            identical += 1
        } else {
            identical = 1
        }
        last = (hash, body.count, failure.reason)
        var failure = failure
        failure.settled = !failure.truncated && identical >= ReferralPages.identicalMalformedAttempts
        return failure
    }
}
