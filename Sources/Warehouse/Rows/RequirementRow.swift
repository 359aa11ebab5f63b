/// The kind of a requirement item: which array of `details.requirements` it came from.
public enum RequirementKind: String, Sendable, Equatable, CaseIterable {
    /// From `details.requirements.industries`.
    case industry
    /// From `details.requirements.products`.
    case product
    /// From `details.requirements.services`.
    case service
    /// From `details.requirements.solutions`.
    case solution

    /// The name of the array in `details.requirements` that holds this kind.
    public var arrayName: String {
        switch self {
        case .industry: "industries"
        case .product: "products"
        case .service: "services"
        case .solution: "solutions"
        }
    }
}

/// A row of `requirements`, the dimension of industries, products, services and solutions, keyed by
/// `RequirementKey` (unique on kind and code).
public struct RequirementRow: WarehouseRow {
    /// The table this row goes to.
    public static let table = "requirements"

    /// The columns, in COPY order.
    public static let columns: [WarehouseColumn<Self>] = [
        .text("requirement_key", \.requirementKey).key(), .text("kind", \.kind), .text("code", \.code),
        .text("name", \.name), .text("solution_type", \.solutionType),
    ]

    /// Derived from kind and code by `RequirementKey`.
    public var requirementKey: String
    /// Which requirement array the item came from.
    public var kind: RequirementKind
    /// The item's `id`, as sent.
    public var code: String
    /// The solution's display name; nil for industries, products and services.
    public var name: String?
    /// The solution's `type` (`Category`, `Name`, …); nil for the other kinds.
    public var solutionType: String?

    /// A requirement row; the key is derived from kind and code.
    public init(kind: RequirementKind, code: String, name: String? = nil, solutionType: String? = nil) {
        self.requirementKey = RequirementKey.make(kind: kind, code: code)
        self.kind = kind
        self.code = code
        self.name = name
        self.solutionType = solutionType
    }

    /// Takes the other row's name and solution type where they are present (later non-nil wins).
    mutating func merge(_ later: RequirementRow) {
        name = later.name ?? name
        solutionType = later.solutionType ?? solutionType
    }
}
