import PartnerCenter
import Testing

@Suite struct TimestampTests {
    @Test(arguments: [
        ("2018-10-30T21:03:42.4579542Z", "2018-10-30T21:03:42.4579542Z"),
        ("2020-10-30T21:03:00.0000000Z", "2020-10-30T21:03:00.0000000Z"),
        ("2018-11-13T00:00:00Z", "2018-11-13T00:00:00.0000000Z"),
        ("2018-11-13T00:00:00.5Z", "2018-11-13T00:00:00.5000000Z"),
        ("2018-11-13T00:00:00.123456789Z", "2018-11-13T00:00:00.1234567Z"),
        ("2018-11-13T02:00:00+02:00", "2018-11-13T00:00:00.0000000Z"),
        ("2018-11-12T19:30:00-04:30", "2018-11-13T00:00:00.0000000Z"),
        ("2018-11-13 00:00:00Z", "2018-11-13T00:00:00.0000000Z"),
        ("2024-02-29T23:59:59z", "2024-02-29T23:59:59.0000000Z"),
        ("1969-12-31T23:59:59.9Z", "1969-12-31T23:59:59.9000000Z"),
        ("2018-10-30T21:03:42", "2018-10-30T21:03:42.0000000Z"),
        ("2023-05-01T10:00:00.1234567", "2023-05-01T10:00:00.1234567Z"),
    ])
    func parsesDocumentedForms(text: String, canonical: String) throws {
        let timestamp = try #require(Timestamp(parsing: text))
        #expect(timestamp.description == canonical)
    }

    @Test(arguments: [
        "", "2018-10-30", "2018-10-30T21:03:42.", "2018-10-30T21:03:42.Z", "2018-13-01T00:00:00Z",
        "2023-02-29T00:00:00Z", "2018-10-30T24:00:00Z", "2018-10-30T21:03:42+0200", "2018-10-30T21:03:42Zjunk",
        "2018/10/30T21:03:42Z", "not a timestamp at all",
    ])
    func rejectsInvalidText(text: String) {
        #expect(Timestamp(parsing: text) == nil)
    }

    @Test func odataLiteral() throws {
        #expect(try #require(Timestamp(parsing: "2024-01-01T00:00:00.0000000Z")).odataLiteral == "2024-01-01T00:00:00Z")
        #expect(
            try #require(Timestamp(parsing: "2024-01-01T00:00:00.25Z")).odataLiteral == "2024-01-01T00:00:00.2500000Z")
    }

    @Test func orderingAndPostgresText() throws {
        let a = try #require(Timestamp(parsing: "2018-10-30T21:03:42.4579542Z"))
        let b = try #require(Timestamp(parsing: "2018-10-30T21:03:42.4579543Z"))
        #expect(a < b)
        #expect(a.postgresText == "2018-10-30T21:03:42.457954Z")
    }

    @Test("PostgreSQL text at the range edges: truncated microseconds, year 10000, year 0 as 1 BC")
    func postgresTextEdges() throws {
        #expect(
            try #require(Timestamp(parsing: "9999-12-31T23:59:59.9999999Z")).postgresText
                == "9999-12-31T23:59:59.999999Z")
        #expect(
            try #require(Timestamp(parsing: "9999-12-31T23:00:00-01:30")).postgresText
                == "10000-01-01T00:30:00.000000Z")
        #expect(
            try #require(Timestamp(parsing: "0000-06-01T00:00:00Z")).postgresText == "0001-06-01T00:00:00.000000Z BC")
        #expect(
            try #require(Timestamp(parsing: "0001-01-01T00:00:00+01:00")).postgresText
                == "0001-12-31T23:00:00.000000Z BC")
        #expect(
            try #require(Timestamp(parsing: "0001-01-01T00:00:00Z")).postgresText == "0001-01-01T00:00:00.000000Z")
    }
}
