/// A secret value (token, refresh token, client secret, password) that never prints itself.
///
/// `description`, `debugDescription` and string interpolation all give `<redacted>`; only `revealed`
/// gives the value, and only the code that sends it over the wire should call it.
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    ExpressibleByStringLiteral
{
    /// The secret itself. Call only where it goes on the wire.
    public let revealed: String

    /// A secret; it registers with `Redactor`, so no server-supplied text repeats it.
    public init(_ value: String) {
        self.revealed = value
        Redactor.register(value)
    }
    public init(stringLiteral value: String) { self.init(value) }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
    /// True when the secret is the empty string.
    public var isEmpty: Bool { revealed.isEmpty }
}

extension Secret: CustomReflectable {
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
