import PostgresLoad
import TestSupport
import Testing

@Suite("COPY text format")
struct CopyWriterTests {
    static let awkward: [String?] = [
        nil, "", " ", "plain", "tab\there", "new\nline", "carriage\rreturn", "back\\slash", "\\N", "\\.",
        "quote\"s and 'apostrophes'", "unicode: é ü 日本語 🚀", "trailing backslash\\", "\t\n\r\\",
        "comma,semicolon;pipe|", String(repeating: "long ", count: 2000),
    ]

    @Test("encodes NULL, empty, escapes; bytes are exact")
    func encoding() throws {
        var chunks: [[UInt8]] = []
        var writer = CopyWriter { chunks.append($0) }
        try writer.writeRow([nil, "", "a\tb", "c\\d", "e\nf\rg"])
        try writer.flush()
        #expect(String(decoding: chunks.joined(), as: UTF8.self) == "\\N\t\ta\\tb\tc\\\\d\te\\nf\\rg\n")
        #expect(writer.rowCount == 1)
    }

    @Test(
        "escapes at the edges of runs of plain bytes",
        arguments: [
            ("\\", "\\\\"), ("\\a", "\\\\a"), ("a\\", "a\\\\"), ("\t\t", "\\t\\t"),
            ("é\n日", "é\\n日"), ("\u{1}\u{b}\u{c}\u{e}", "\u{1}\u{b}\u{c}\u{e}"),
        ])
    func runEdges(value: String, encoded: String) throws {
        var bytes: [UInt8] = []
        var writer = CopyWriter { bytes += $0 }
        try writer.writeRow([value])
        try writer.flush()
        #expect(String(decoding: bytes, as: UTF8.self) == encoded + "\n")
    }

    @Test("a NUL byte is refused with a clear error")
    func nulRefused() throws {
        var writer = CopyWriter { _ in }
        let error = try #require(throws: LoadError.self) { try writer.writeRow(["ok", "bad\u{0}value"]) }
        #expect(error.code == .invalidValue)
        #expect(error.message.contains("NUL"))
        #expect(error.message.contains("column 2"))
    }

    @Test("100,000 rows of awkward values round-trip byte-identical through a real COPY")
    func roundTrip() throws {
        let db = try TestDatabase.connect()
        let schema = TestDatabase.freshSchema("copy")
        try db.execute("CREATE SCHEMA \(schema.quoted)")
        try db.execute("CREATE TABLE \(schema.table("t")) (n int PRIMARY KEY, a text, b text)")
        let count = 100_000
        let values = Self.awkward
        func row(_ n: Int) -> [String?] {
            [String(n), values[n % values.count], values[(n / values.count) % values.count]]
        }
        let copied = try db.copyIn("COPY \(schema.table("t")) (n, a, b) FROM STDIN") { writer in
            for n in 0..<count { try writer.writeRow(row(n)) }
        }
        #expect(copied == count)
        let back = try db.execute("SELECT n, a, b FROM \(schema.table("t")) ORDER BY n")
        #expect(back.rows.count == count)
        var mismatches = 0
        for (n, fields) in back.rows.enumerated() where fields != row(n) { mismatches += 1 }
        #expect(mismatches == 0)
        // NULL and "" stay distinct.
        #expect(
            try db.execute("SELECT count(*) FROM \(schema.table("t")) WHERE a IS NULL").scalar
                == String((0..<count).filter { $0 % values.count == 0 }.count))
    }

    @Test("a failed COPY leaves nothing and the connection stays usable")
    func failedCopy() throws {
        let db = try TestDatabase.connect()
        let schema = TestDatabase.freshSchema("copyfail")
        try db.execute("CREATE SCHEMA \(schema.quoted)")
        try db.execute("CREATE TABLE \(schema.table("t")) (n int)")
        #expect(throws: LoadError.self) {
            try db.copyIn("COPY \(schema.table("t")) (n) FROM STDIN") { writer in
                try writer.writeRow(["1"])
                try writer.writeRow(["not a number"])
            }
        }
        #expect(throws: LoadError.self) {
            try db.copyIn("COPY \(schema.table("t")) (n) FROM STDIN") { writer in
                try writer.writeRow(["1"])
                try writer.writeRow(["\u{0}"])
            }
        }
        #expect(try db.execute("SELECT count(*) FROM \(schema.table("t"))").scalar == "0")
    }
}
