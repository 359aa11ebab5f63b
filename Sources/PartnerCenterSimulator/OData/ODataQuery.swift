import Foundation

/// The query options of one list request: `$filter`, `$orderby`, `$top`, `$skip`, `$select`, `$count`, and
/// `pagesize` (the 2019 API's page size: at most the server's own).
struct ODataQuery: Sendable, Equatable, Codable {
    var filter: String?
    var orderBy: OrderField = .createdDateTime
    var descending = true
    var top: Int?
    var skip = 0
    var select: [String]?
    var pageSize: Int?

    enum CodingKeys: String, CodingKey {
        case filter = "f", orderBy = "o", descending = "d", top = "t", skip = "k", select = "s", pageSize = "p"
    }

    init() {}

    /// Reads the options from decoded query parameters; other `$` options are a 400, other names are ignored.
    init(parameters: [(name: String, value: String)]) throws {
        if let value = parameters.last(where: { $0.name == "pagesize" })?.value {
            guard let n = Int(value), n >= 1 else {
                throw ODataError(
                    message: "The value '\(value)' is not valid for pagesize: expected a positive integer.",
                    target: "pagesize")
            }
            pageSize = n
        }
        for (name, value) in parameters where name.hasPrefix("$") {
            switch name {
            case "$filter":
                _ = try FilterParser.parse(value)
                filter = value
            case "$orderby": try parseOrderBy(value)
            case "$top": top = try Self.count(value, "$top")
            case "$skip": skip = try Self.count(value, "$skip")
            case "$select": select = try Self.parseSelect(value)
            case "$count":
                guard value == "true" || value == "false" else {
                    throw ODataError(message: "The value '\(value)' is not valid for $count.", target: "$count")
                }
            case "$skiptoken": break
            default:
                throw ODataError(
                    message: "The query parameter '\(name)' is not supported.", target: name, innerCode: "notSupported")
            }
        }
    }

    /// The parsed filter, if any.
    func filterExpression() throws -> FilterExpression? {
        try filter.map(FilterParser.parse)
    }

    private mutating func parseOrderBy(_ value: String) throws {
        let parts = value.split(separator: " ", omittingEmptySubsequences: true)
        guard (1...2).contains(parts.count), let field = OrderField(rawValue: String(parts[0])) else {
            throw ODataError(
                message:
                    "Ordering by '\(value)' is not supported; use createdDateTime or updatedDateTime, asc or desc.",
                target: "$orderby", innerCode: "notSupported")
        }
        orderBy = field
        descending = true
        if parts.count == 2 {
            guard parts[1] == "asc" || parts[1] == "desc" else {
                throw ODataError(message: "The sort direction '\(parts[1])' is not valid.", target: "$orderby")
            }
            descending = parts[1] == "desc"
        }
    }

    private static func count(_ value: String, _ option: String) throws -> Int {
        guard let n = Int(value), n >= 0 else {
            throw ODataError(
                message: "The value '\(value)' is not valid for \(option): expected a non-negative integer.",
                target: option)
        }
        return n
    }

    private static func parseSelect(_ value: String) throws -> [String] {
        let fields = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        for field in fields where !FilterParser.topLevelProperties.contains(field) {
            throw ODataError(
                message: "Could not find a property named '\(field)' on type 'Referral'.", target: "$select",
                innerCode: "propertyNotFound")
        }
        guard !fields.isEmpty else { throw ODataError(message: "$select is empty.", target: "$select") }
        return fields
    }
}
