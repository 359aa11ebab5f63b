/// Something the decoder noticed in a referral's raw JSON text, in its one pass over the bytes, that a store
/// may refuse: the transform stage decides (PostgreSQL `jsonb` refuses the first two kinds always, and a number
/// only when `numeric` cannot hold it). See docs/transform.md#validation.
public struct RawJSONNote: Sendable, Equatable {
    /// What was noticed.
    public enum Kind: Sendable, Equatable {
        /// A `\u0000` escape (U+0000, which PostgreSQL text cannot hold).
        case nulEscape
        /// A `\uD800`–`\uDFFF` escape that is not half of a surrogate pair.
        case unpairedSurrogate
        /// A number literal with an exponent or more than `JSONParser.notedNumberLength` characters: its
        /// magnitude may be beyond `numeric`. The literal as sent.
        case number(String)
    }

    /// What was noticed.
    public var kind: Kind
    /// Where, as a JSON path within the referral: `details.dealValue`, `team[0].email`, `extra.x`; a key's own
    /// escape is reported at the member it names.
    public var path: String

    /// A note.
    public init(_ kind: Kind, at path: String) {
        self.kind = kind
        self.path = path
    }
}

/// One step of a JSON path: a member's key or an array index.
enum JSONPathComponent: Sendable {
    case key(String)
    case index(Int)

    /// `a.b[0].c` for the components in order (empty for the root).
    static func render(_ components: [JSONPathComponent]) -> String {
        var out = ""
        for component in components {
            switch component {
            case .key(let key): out += out.isEmpty ? key : "." + key
            case .index(let position): out += "[\(position)]"
            }
        }
        return out.isEmpty ? "(root)" : out
    }
}
