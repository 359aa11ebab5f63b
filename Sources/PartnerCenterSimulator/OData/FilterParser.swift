/// Parses `$filter` text: `eq ne gt ge lt le`, `and or not`, parentheses, string/number/bool/null/datetime
/// literals, nested paths, and `path/any(v: ...)` / `path/all(v: ...)` lambdas. Precedence: `or` < `and` < `not`.
struct FilterParser {
    /// The referral's top-level properties: a path must start with one of these (or a lambda variable).
    static let topLevelProperties: Set<String> = [
        "id", "engagementId", "organizationId", "organizationName", "name", "externalReferenceId",
        "createdDateTime", "updatedDateTime", "expirationDateTime", "acceptedDateTime", "status", "substatus",
        "statusReason", "type", "qualification", "direction", "referralSource", "callToAction",
        "customerMarketplaceIntent", "target", "customerProfile", "consent", "details", "team", "inviteContext",
        "links", "eTag",
    ]

    private let tokens: [(FilterToken, Int)]
    private var i = 0
    private var variables: [String] = []
    private let length: Int

    /// The expression for `text`, or an `ODataError` (a 400 `invalidRequest`).
    static func parse(_ text: String) throws -> FilterExpression {
        var parser = FilterParser(tokens: try FilterLexer.tokens(text), length: text.count)
        let expression = try parser.orExpression()
        if parser.i < parser.tokens.count {
            throw parser.error("unexpected \(parser.describe(parser.tokens[parser.i].0))")
        }
        return expression
    }

    private init(tokens: [(FilterToken, Int)], length: Int) {
        self.tokens = tokens
        self.length = length
    }

    private var current: FilterToken? { i < tokens.count ? tokens[i].0 : nil }

    private func error(_ what: String) -> ODataError {
        let position = i < tokens.count ? tokens[i].1 : length
        return ODataError(message: "Syntax error: \(what) at position \(position).", target: "$filter")
    }

    private func describe(_ token: FilterToken) -> String {
        switch token {
        case .identifier(let name): return "'\(name)'"
        case .string(let s): return "string '\(s)'"
        default: return "token \(token)"
        }
    }

    private func isKeyword(_ word: String) -> Bool {
        if case .identifier(let name)? = current { return name == word }
        return false
    }

    private mutating func expect(_ token: FilterToken, _ what: String) throws {
        guard current == token else { throw error("expected \(what)") }
        i += 1
    }

    private mutating func orExpression() throws -> FilterExpression {
        var left = try andExpression()
        while isKeyword("or") {
            i += 1
            left = .or(left, try andExpression())
        }
        return left
    }

    private mutating func andExpression() throws -> FilterExpression {
        var left = try unary()
        while isKeyword("and") {
            i += 1
            left = .and(left, try unary())
        }
        return left
    }

    private mutating func unary() throws -> FilterExpression {
        if isKeyword("not") {
            i += 1
            return .not(try unary())
        }
        if current == .open {
            i += 1
            let inner = try orExpression()
            try expect(.close, "')'")
            return inner
        }
        return try comparison()
    }

    private mutating func comparison() throws -> FilterExpression {
        if case .identifier(let name)? = current, !Self.literalWords.contains(name) {
            let path = try self.path()
            if current == .slash, case .identifier(let lambda)? = (i + 1 < tokens.count ? tokens[i + 1].0 : nil),
                lambda == "any" || lambda == "all"
            {
                i += 2
                return try self.lambda(lambda, path: path)
            }
            return try rest(of: .path(path))
        }
        return try rest(of: .literal(try literal()))
    }

    private mutating func rest(of left: FilterOperand) throws -> FilterExpression {
        guard case .identifier(let word)? = current, let op = ComparisonOperator(rawValue: word) else {
            if case .identifier(let word)? = current, !["and", "or"].contains(word) {
                throw error("unsupported operator '\(word)'")
            }
            return .truth(left)
        }
        i += 1
        if case .identifier(let name)? = current, !Self.literalWords.contains(name) {
            return .compare(left, op, .path(try path()))
        }
        return .compare(left, op, .literal(try literal()))
    }

    static let literalWords: Set<String> = ["true", "false", "null", "and", "or", "not"]

    private mutating func literal() throws -> FilterLiteral {
        defer { i += 1 }
        switch current {
        case .string(let s)?: return .string(s)
        case .number(let n)?: return .number(n)
        case .dateTime(let d)?: return .dateTime(d)
        case .identifier("true")?: return .bool(true)
        case .identifier("false")?: return .bool(false)
        case .identifier("null")?: return .null
        case let token?: throw error("unexpected \(describe(token))")
        case nil: throw error("unexpected end of expression")
        }
    }

    private mutating func path() throws -> [String] {
        var segments: [String] = []
        repeat {
            if !segments.isEmpty { i += 1 }
            guard case .identifier(let name)? = current else { throw error("expected a property name") }
            if segments.isEmpty, !variables.contains(name), !Self.topLevelProperties.contains(name) {
                throw ODataError(
                    message: "Could not find a property named '\(name)' on type 'Referral'.", target: "$filter",
                    innerCode: "propertyNotFound")
            }
            segments.append(name)
            i += 1
        } while current == .slash && !nextIsLambda
        return segments
    }

    private var nextIsLambda: Bool {
        guard i + 2 < tokens.count, case .identifier(let name) = tokens[i + 1].0 else { return false }
        return (name == "any" || name == "all") && tokens[i + 2].0 == .open
    }

    private mutating func lambda(_ kind: String, path: [String]) throws -> FilterExpression {
        try expect(.open, "'(' after \(kind)")
        if kind == "any", current == .close {
            i += 1
            return .any(path: path, variable: "", body: nil)
        }
        guard case .identifier(let variable)? = current else { throw error("expected a lambda variable") }
        i += 1
        try expect(.colon, "':' after the lambda variable")
        variables.append(variable)
        let body = try orExpression()
        variables.removeLast()
        try expect(.close, "')' closing \(kind)")
        return kind == "any"
            ? .any(path: path, variable: variable, body: body) : .all(path: path, variable: variable, body: body)
    }
}
