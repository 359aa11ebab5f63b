// Stands in for Sources/Warehouse/Keys/KeyDigest.swift in the fuzz build only (scripts/fuzz.sh), which compiles
// the Warehouse sources with swiftc and has no swift-crypto: the fuzz target looks for crashes and hangs in the
// decoder and the normalizer, not for key values (KeyTests pins those against swift-crypto's SHA-256).
enum KeyDigest {
    static let separator = "\u{1F}"

    static func key(_ parts: [String]) -> String { parts.joined(separator: separator) }

    static func sha256(_ text: String) -> String { String(text.utf8.count) }

    static func sha256(_ bytes: ArraySlice<UInt8>) -> String { String(bytes.count) }
}
