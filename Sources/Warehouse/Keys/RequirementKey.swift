/// The `requirement_key` of the `requirements` dimension, derived from the natural key (kind, code).
/// See docs/transform.md#keys.
public enum RequirementKey {
    /// The key of a requirement item. The code is used exactly as sent: requirement ids are identifiers.
    public static func make(kind: RequirementKind, code: String) -> String {
        KeyDigest.key([kind.rawValue, code])
    }
}
