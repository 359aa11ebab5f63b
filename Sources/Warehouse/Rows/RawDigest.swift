import Crypto

/// The digest that recognises a referral received again byte for byte: SHA-256 of its raw JSON, lowercase hex.
public enum RawDigest {
    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// The hex SHA-256 of `raw`'s UTF-8 bytes.
    public static func of(_ raw: String) -> String {
        var raw = raw
        let digest = raw.withUTF8 { SHA256.hash(data: UnsafeRawBufferPointer($0)) }
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in digest {
            hex.append(hexDigits[Int(byte >> 4)])
            hex.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }
}
