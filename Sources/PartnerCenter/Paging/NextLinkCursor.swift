import ETLCore

/// Where the pager is in a `nextLink` chain: a value type that turns each `@odata.nextLink` into the URL to
/// fetch, and refuses what must not be fetched (see `docs/extract.md`, "Paging").
///
/// - The link is opaque: its path and query are kept byte for byte (only characters that are illegal in a URL
///   are escaped); nothing is re-encoded or appended.
/// - A link naming the configured host is fetched with the configured scheme and port (the documented links say
///   `http://`; we never downgrade). A link naming any other host is refused, so the token never goes there.
/// - A link already followed in this chain, or one past the page cap, is refused.
public struct NextLinkCursor: Sendable {
    /// The configured API origin.
    public let endpoint: APIEndpoint
    /// The most pages one chain may have.
    public let pageCap: Int
    /// Pages handed out so far (the first page included).
    public private(set) var pages = 0
    private var seen: Set<String> = []

    public init(endpoint: APIEndpoint, pageCap: Int) {
        self.endpoint = endpoint
        self.pageCap = max(1, pageCap)
    }

    /// The first page's URL.
    public mutating func start(_ query: ReferralQuery) -> String {
        let url = endpoint.firstPageURL(query)
        pages = 1
        seen = [url]
        return url
    }

    /// The URL to fetch for `link`, or an error when it must not be followed.
    public mutating func follow(_ link: String) throws(PartnerCenterError) -> String {
        let url = try resolve(link)
        guard !seen.contains(url) else {
            throw PartnerCenterError(
                .pagingLoop, "the API repeated a nextLink already followed; stopping to avoid a loop",
                context: [LogKey.pageNumber: String(pages)])
        }
        guard pages < pageCap else {
            throw PartnerCenterError(
                .pageCapReached, "the nextLink chain is longer than the page cap; raise it if this is expected",
                context: ["page.cap": String(pageCap)])
        }
        seen.insert(url)
        pages += 1
        return url
    }

    /// Applies the host check and the scheme/port upgrade, without touching the cursor's state.
    public func resolve(_ link: String) throws(PartnerCenterError) -> String {
        let rest: String
        if link.hasPrefix("/") && !link.hasPrefix("//") {
            rest = link
        } else {
            guard let parts = URLParts(link), parts.scheme == "https" || parts.scheme == "http" else {
                throw PartnerCenterError(
                    .foreignHost, "the API sent a nextLink that is not an http(s) URL; not following it")
            }
            guard parts.host == endpoint.host else {
                throw PartnerCenterError(
                    .foreignHost,
                    "nextLink names host \(parts.host), not the configured API host \(endpoint.host); "
                        + "refusing to send the token there",
                    context: ["host": parts.host])
            }
            rest = parts.pathAndQuery
        }
        let withoutFragment = rest.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return endpoint.origin + QueryEncoding.escapeIllegal(String(withoutFragment))
    }

    /// For a URL on the documented odd path `/v1.0/referrals`, the same URL on `/v1.0/engagements/referrals`.
    public func fallbackURL(for url: String) -> String? {
        let odd = endpoint.origin + endpoint.basePath + APIEndpoint.oddReferralsPath
        guard url.hasPrefix(odd) else { return nil }
        let tail = url.dropFirst(odd.count)
        guard tail.isEmpty || tail.hasPrefix("?") || tail.hasPrefix("/") else { return nil }
        return endpoint.origin + endpoint.basePath + APIEndpoint.referralsPath + tail
    }
}
