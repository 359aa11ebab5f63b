import ETLCore
import Logging

/// The pages of one query, as an `AsyncSequence`: each page is fetched only when the consumer asks for it
/// (backpressure), by following `@odata.nextLink` until it is absent. See `docs/extract.md`, "Paging".
///
/// Guards: a repeated link, a page of only already-seen ids that still has a nextLink, or a run of empty pages
/// with nextLinks stop with `pagingLoop`; more pages than the cap stop with `pageCapReached`; a link to a foreign
/// host stops with `foreignHost` before anything is sent there. A page already received is always delivered
/// before the error about its nextLink is thrown.
public struct ReferralPages: AsyncSequence, Sendable {
    public typealias Element = ReferralPage

    let executor: RequestExecutor
    let endpoint: APIEndpoint
    let query: ReferralQuery
    let pageCap: Int
    let logger: Logger
    /// Consecutive empty pages with a nextLink tolerated before stopping.
    static let maxEmptyPagesInARow = 3

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
        var emptyInARow = 0
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
                result = try await pages.executor.fetch(
                    target, fallbackURL: target == url ? fallback : nil, page: number
                ) {
                    (response) throws(ReferralPageDecoder.MalformedPage) in
                    try ReferralPageDecoder.decode(response.body, number: number)
                }
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
                    LogKey.pageItems: "\(page.referrals.count + page.undecodable.count)",
                    "page.undecodable": "\(page.undecodable.count)", "page.odata_count": "\(page.odataCount ?? -1)",
                ])
            try checkProgress(page)
            return page
        }

        /// Applies the loop guards and advances the cursor; errors about the nextLink are kept for the next call.
        private mutating func checkProgress(_ page: ReferralPage) throws(PartnerCenterError) {
            let allSeen = seenIDs.insertAllSeen(page.referrals.map(\.id))
            guard let link = page.nextLink else {
                if page.number == 1, page.referrals.isEmpty {
                    pages.logger.info(
                        "the API returned no referrals; a Referrals User sees only its own", metadata: [:])
                }
                finished = true
                return
            }
            if allSeen {
                finished = true
                throw PartnerCenterError(
                    .pagingLoop, "the API sent a page of only already-seen referrals with a nextLink; stopping",
                    context: [LogKey.pageNumber: "\(page.number)"])
            }
            emptyInARow = page.referrals.isEmpty && page.undecodable.isEmpty ? emptyInARow + 1 : 0
            if emptyInARow > ReferralPages.maxEmptyPagesInARow {
                pendingError = PartnerCenterError(
                    .pagingLoop, "the API sent empty pages with nextLinks \(emptyInARow) times in a row; stopping",
                    context: [LogKey.pageNumber: "\(page.number)"])
                return
            }
            do {
                nextURL = try cursor.follow(link)
            } catch {
                pendingError = error
            }
        }
    }
}
