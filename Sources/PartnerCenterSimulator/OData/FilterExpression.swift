/// A parsed `$filter` expression.
indirect enum FilterExpression: Sendable, Equatable {
    case and(FilterExpression, FilterExpression)
    case or(FilterExpression, FilterExpression)
    case not(FilterExpression)
    case compare(FilterOperand, ComparisonOperator, FilterOperand)
    /// `path/any(v: body)`, or `path/any()` (non-empty) when `body` is nil.
    case any(path: [String], variable: String, body: FilterExpression?)
    /// `path/all(v: body)`.
    case all(path: [String], variable: String, body: FilterExpression)
    /// A bare boolean property (`consent/consentToContact`) or literal (`true`).
    case truth(FilterOperand)
}

/// One side of a comparison.
enum FilterOperand: Sendable, Equatable {
    /// A property path; its first segment may be a lambda variable.
    case path([String])
    case literal(FilterLiteral)
}

/// A literal in a filter.
enum FilterLiteral: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    /// A bare OData DateTimeOffset (`2024-01-01T00:00:00Z`).
    case dateTime(Instant)
}

/// `eq ne gt ge lt le`.
enum ComparisonOperator: String, Sendable, CaseIterable {
    case eq, ne, gt, ge, lt, le
}

/// The two sort keys the API documents for `$orderby`.
enum OrderField: String, Sendable, Codable {
    case createdDateTime, updatedDateTime
}

/// A 400 for a query the simulator cannot serve: rendered as the documented `invalidRequest` error body.
struct ODataError: Error, Equatable {
    var message: String
    /// The query option at fault (`$filter`, `$orderby`, ...).
    var target: String
    var innerCode: String = "badArgument"
}
