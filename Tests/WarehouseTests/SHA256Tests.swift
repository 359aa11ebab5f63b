import Testing

@testable import Warehouse

@Suite("SHA-256")
struct SHA256Tests {
    @Test(
        "FIPS 180-4 test vectors",
        arguments: [
            ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            (
                "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
                "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
            ),
            (
                "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
                "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
            ),
        ])
    func vectors(input: String, expected: String) {
        #expect(SHA256.hexDigest(input) == expected)
    }

    @Test("one million a's crosses many blocks")
    func millionA() {
        let input = [UInt8](repeating: 0x61, count: 1_000_000)
        #expect(
            SHA256.hex(SHA256.digest(input)) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("padding boundaries: 55, 56 and 64 bytes differ and are 32 bytes long", arguments: [55, 56, 63, 64, 65])
    func paddingBoundaries(length: Int) {
        let digest = SHA256.digest([UInt8](repeating: 0x61, count: length))
        #expect(digest.count == 32)
        #expect(digest != SHA256.digest([UInt8](repeating: 0x61, count: length + 1)))
    }

    @Test("multi-byte UTF-8 is hashed as bytes")
    func utf8() {
        // echo -n 'é' | sha256sum  (U+00E9, bytes C3 A9)
        #expect(SHA256.hexDigest("é") == "4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c")
    }
}
