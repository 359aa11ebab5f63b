import Testing

@testable import Warehouse

@Suite("Decimal text")
struct DecimalTextTests {
    @Test(
        "plain decimals are accepted, trimmed, and kept digit for digit",
        arguments: [
            ("10000", "10000"), ("10000.50", "10000.50"), ("-1.5e3", "-1.5e3"), (" 42 ", "42"), ("+7", "+7"),
            ("0.1", "0.1"), (".5", ".5"), ("5.", "5."), ("1E+3", "1E+3"), ("2e-2", "2e-2"),
            ("123456789012345678901234567890.123456789", "123456789012345678901234567890.123456789"),
            ("\u{00A0}99\n", "99"),
        ])
    func accepted(input: String, expected: String) {
        #expect(DecimalText(parsing: input)?.text == expected)
    }

    @Test(
        "anything else is not a decimal",
        arguments: [
            "abc", "NaN", "nan", "Infinity", "-Infinity", "1,000", "", "   ", "1.2.3", "--1", "+", "-", ".", "e5",
            "1e", "1e+", "0x10", "1_000", "١٢", "1 000", "$5", "5%",
        ])
    func rejected(input: String) {
        #expect(DecimalText(parsing: input) == nil)
        #expect(DecimalText.parse(input) == .failure(.syntax))
    }

    @Test(
        "values PostgreSQL numeric cannot hold are out of range, not a syntax error",
        arguments: ["1e131072", "0.1e-16383", "1e99999999999999999999", "1e-99999999999999999999"])
    func outOfRange(input: String) {
        #expect(DecimalText.parse(input) == .failure(.outOfRange))
    }

    @Test("the largest values PostgreSQL numeric holds are accepted", arguments: ["1e131071", "0.1e-16382", "0e0"])
    func edgeOfRange(input: String) {
        #expect(DecimalText(parsing: input)?.text == input)
    }
}
