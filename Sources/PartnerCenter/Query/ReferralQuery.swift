/// The OData query of a referrals export: the pipeline's own `$filter`, the stage's incremental condition,
/// `$orderby`, `$select` and an optional `$top`.
///
/// `queryString` percent-encodes each value exactly once (see `QueryEncoding`); the `$` parameter names stay
/// literal. A full export sends no `$top` unless asked: the API may read it as a cap on the total, not the page.
/// The page size is asked for with `pagesize` (documented in 2019, "100 is the maximum"), never with `$top`.
public struct ReferralQuery: Sendable, Equatable {
    /// The pipeline's own filter expression (e.g. `direction eq 'Incoming'`), or nil.
    public var filter: String?
    /// The incremental or backfill condition (see `ReferralQuery.updatedSince(_:)`), or nil for a full export.
    public var incremental: String?
    /// `$orderby`, e.g. `updatedDateTime asc`.
    public var orderBy: String?
    /// `$select` field names; empty means all fields.
    public var select: [String]
    /// `$top`, only when explicitly wanted.
    public var top: Int?
    /// `pagesize`: referrals per page (1...100), or nil for the server's own (100).
    public var pageSize: Int?

    public init(
        filter: String? = nil, incremental: String? = nil, orderBy: String? = nil, select: [String] = [],
        top: Int? = nil, pageSize: Int? = nil
    ) {
        self.filter = filter
        self.incremental = incremental
        self.orderBy = orderBy
        self.select = select
        self.top = top
        self.pageSize = pageSize
    }

    /// The effective `$filter`: `(filter) and (incremental)` when both are set, either one alone, or nil.
    public var combinedFilter: String? {
        let user = filter.flatMap { $0.trimmed.isEmpty ? nil : $0.trimmed }
        let since = incremental.flatMap { $0.trimmed.isEmpty ? nil : $0.trimmed }
        switch (user, since) {
        case let (user?, since?): return "(\(user)) and (\(since))"
        case let (user?, nil): return user
        case let (nil, since?): return since
        case (nil, nil): return nil
        }
    }

    /// The query string without the leading `?`, each value percent-encoded once, e.g.
    /// `$filter=updatedDateTime%20ge%202024-01-01T00:00:00Z&$orderby=updatedDateTime%20asc`.
    public var queryString: String {
        var parts: [String] = []
        if let filter = combinedFilter { parts.append("$filter=" + QueryEncoding.encode(filter)) }
        if let orderBy, !orderBy.trimmed.isEmpty { parts.append("$orderby=" + QueryEncoding.encode(orderBy.trimmed)) }
        if !select.isEmpty { parts.append("$select=" + QueryEncoding.encode(select.joined(separator: ","))) }
        if let top { parts.append("$top=\(top)") }
        if let pageSize { parts.append("pagesize=\(pageSize)") }
        return parts.joined(separator: "&")
    }

    /// The condition of an incremental run: `updatedDateTime ge 2024-01-01T00:00:00Z`.
    public static func updatedSince(_ watermark: Timestamp) -> String {
        "updatedDateTime ge \(watermark.odataLiteral)"
    }

    /// The condition of one backfill window: `createdDateTime ge A and createdDateTime lt B` (either bound optional).
    public static func createdWindow(from start: Timestamp?, until end: Timestamp?) -> String? {
        var terms: [String] = []
        if let start { terms.append("createdDateTime ge \(start.odataLiteral)") }
        if let end { terms.append("createdDateTime lt \(end.odataLiteral)") }
        return terms.isEmpty ? nil : terms.joined(separator: " and ")
    }
}

extension String {
    var trimmed: String {
        var view = Substring(self)
        while let first = view.first, first.isWhitespace { view.removeFirst() }
        while let last = view.last, last.isWhitespace { view.removeLast() }
        return String(view)
    }
}
