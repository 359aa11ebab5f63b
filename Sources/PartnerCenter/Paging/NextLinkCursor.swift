import ETLCore

/// Where the pager is in a `nextLink` chain: a value type that turns each `@odata.nextLink` into the URL to
/// fetch, and refuses what must not be fetched (see `docs/extract.md`, "Paging").
///
/// - A relative link (`referrals?$skiptoken=p3`, `/v1.0/engagements/referrals?...`) is resolved against the URL
///   of the page that held it (RFC 3986, section 5), so it stays on the configured origin.
/// - The link is opaque: its path and query are kept byte for byte (only bytes that are illegal in a URL are
///   escaped; dot segments are removed as RFC 3986 says); nothing is decoded, re-encoded or appended.
/// - A link naming the configured host is fetched with the configured scheme and port (the documented links say
///   `http://`; we never downgrade). A link naming any other host, or a path other than the API's listing
///   paths, is refused, so the token never goes there.
/// - A link already followed in this chain, or one past the page cap, is refused.
public struct NextLinkCursor: Sendable {
    /// The configured API origin.
    public let endpoint: APIEndpoint
    /// The most pages one chain may have.
    public let pageCap: Int
    /// Pages handed out so far (the first page included).
    public private(set) var pages = 0
    /// The URL handed out last: the base that a relative link on its page is resolved against.
    public private(set) var current = ""
    /// The URLs handed out, as 64-bit FNV-1a hashes (8 bytes a page rather than the URL).
    private var seen: Set<UInt64> = []

    public init(endpoint: APIEndpoint, pageCap: Int) {
        self.endpoint = endpoint
        self.pageCap = max(1, pageCap)
    }

    /// The first page's URL.
    public mutating func start(_ query: ReferralQuery) -> String {
        let url = endpoint.firstPageURL(query)
        pages = 1
        seen = [SeenReferralIDs.fnv1a(url)]
        current = url
        return url
    }

    /// True when `link`, from the page at `base` (default: the last URL handed out), resolves to a URL already
    /// followed in this chain.
    public func alreadyFollowed(_ link: String, base: String? = nil) -> Bool {
        (try? resolve(link, base: base ?? current)).map { seen.contains(SeenReferralIDs.fnv1a($0)) } ?? false
    }

    /// The URL to fetch for `link`, found on the page at `base` (default: the last URL handed out), or an error
    /// when it must not be followed.
    public mutating func follow(_ link: String, base: String? = nil) throws(PartnerCenterError) -> String {
        let url = try resolve(link, base: base ?? current)
        guard !seen.contains(SeenReferralIDs.fnv1a(url)) else {
            throw PartnerCenterError(
                .pagingLoop, "paging loop: the API repeated a nextLink already followed; stopping",
                context: [LogKey.pageNumber: String(pages), "paging.loop": "repeated_link"])
        }
        guard pages < pageCap else {
            throw PartnerCenterError(
                .pageCapReached,
                "paging loop or huge listing: the nextLink chain is longer than the page cap of \(pageCap) pages; "
                    + "raise it (page_cap) if this is expected",
                context: ["page.cap": String(pageCap), "paging.loop": "page_cap"])
        }
        seen.insert(SeenReferralIDs.fnv1a(url))
        pages += 1
        current = url
        return url
    }

    /// Resolves `link` against `base` and applies the origin and path checks, without touching the cursor's state.
    public func resolve(_ link: String, base: String) throws(PartnerCenterError) -> String {
        let reference = String(link.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
        let pathAndQuery: String
        if URLReference.hasScheme(reference) || reference.hasPrefix("//") {
            let absolute = reference.hasPrefix("//") ? endpoint.scheme + ":" + reference : reference
            guard let parts = URLParts(absolute), parts.scheme == "https" || parts.scheme == "http" else {
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
            pathAndQuery = URLReference.removingDotSegments(parts.pathAndQuery)
        } else {
            let basePathAndQuery = URLParts(base)?.pathAndQuery ?? endpoint.basePath + APIEndpoint.referralsPath
            pathAndQuery = URLReference.resolve(reference, against: basePathAndQuery)
        }
        let escaped = QueryEncoding.escapeIllegal(pathAndQuery)
        guard isListingPath(escaped) else {
            throw PartnerCenterError(
                .foreignHost,
                "nextLink leads outside the API's referral listing paths on \(endpoint.host); "
                    + "refusing to send the token there",
                context: ["path": PageURL.redacted(String(escaped.prefix { $0 != "?" }.prefix(200)))])
        }
        return endpoint.origin + escaped
    }

    /// True when the path of `pathAndQuery` is `{base}/v1.0/engagements/referrals` or `{base}/v1.0/referrals`
    /// (ASCII case ignored).
    func isListingPath(_ pathAndQuery: String) -> Bool {
        let path = pathAndQuery.prefix { $0 != "?" }.lowercased()
        return [APIEndpoint.referralsPath, APIEndpoint.oddReferralsPath].contains {
            path == (endpoint.basePath + $0).lowercased()
        }
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
