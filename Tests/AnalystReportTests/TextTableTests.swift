import AnalystReport
import Testing

@Suite("terminal tables measure display width")
struct TextTableTests {
    @Test(
        "display width: CJK and emoji take two columns, combining marks none",
        arguments: [
            ("Contoso", 7), ("受注管理", 8), ("Northwind 受注管理", 18), ("Tailspin Flight Ops 🚀", 22),
            ("株式会社サンプル", 16), ("서울", 4), ("e\u{301}", 1), ("Zoë", 3), ("⏱️", 2), ("", 0),
        ])
    func width(_ text: String, _ columns: Int) {
        #expect(DisplayWidth.of(text) == columns)
    }

    @Test("columns line up whatever the names hold")
    func aligned() {
        let table = TextTable(
            headers: ["solution", "referrals"],
            rows: [["Northwind 受注管理", "12"], ["Dynamics on Azure", "7"], ["Tailspin Flight Ops 🚀", "130"]],
            rightAligned: [1])
        let lines = table.render().split(separator: "\n").map(String.init)
        #expect(lines.count == 5)
        // Every line ends at the same display column, and the numbers' last digits line up.
        #expect(Set(lines.map(DisplayWidth.of)).count == 1, "\(lines)")
        #expect(lines[2].hasSuffix(" 12") && lines[4].hasSuffix("130"))
    }

    @Test("no rows: (none)")
    func empty() {
        #expect(TextTable(headers: ["a"], rows: []).render() == "  (none)")
    }

    @Test(
        "money groups thousands and keeps the exact decimals",
        arguments: [
            ("0", "0"), ("999", "999"), ("1000", "1,000"), ("1234567.50", "1,234,567.50"), ("-12345", "-12,345"),
        ])
    func money(_ decimal: String, _ shown: String) {
        #expect(MorningReport.money(decimal) == shown)
    }
}
