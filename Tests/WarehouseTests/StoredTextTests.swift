import Testing

@testable import Warehouse

@Suite("Stored text and raw JSON checks")
struct StoredTextTests {
    @Test("quoted values are escaped to one line and truncated to 100 characters")
    func quoted() {
        #expect(StoredText.quoted("yesterday") == "\"yesterday\"")
        #expect(StoredText.quoted("a\"b\\c\nd\u{0}e") == "\"a\\\"b\\\\c\\nd\\u0000e\"")
        let long = String(repeating: "x", count: 150)
        #expect(StoredText.quoted(long) == "\"" + String(repeating: "x", count: 100) + "…\"")
        #expect(StoredText.quoted(String(repeating: "y", count: 100)).count == 102)
    }

    @Test("oneLine turns line breaks into spaces and NUL into an escape")
    func oneLine() {
        #expect(StoredText.oneLine("a\nb\r\nc\u{2028}d\u{0}") == "a b  c d\\u0000")
    }

    @Test("blank and trimmed use Unicode whitespace")
    func blank() {
        #expect(StoredText.isBlank(nil))
        #expect(StoredText.isBlank(" \u{3000}\t"))
        #expect(!StoredText.isBlank(" x "))
        #expect(StoredText.trimmed("\u{2003} x y \n") == "x y")
    }
}
