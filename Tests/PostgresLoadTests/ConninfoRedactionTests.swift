import PostgresLoad
import Testing

/// Database URLs and conninfo strings: whether they carry a password, and printed without it.
@Suite struct ConninfoRedactionTests {
    @Test(
        arguments: [
            ("postgres://etl:s3cret@db:5432/analytics", true, "postgres://etl@db:5432/analytics"),
            ("postgres://etl@db/analytics", false, "postgres://etl@db/analytics"),
            ("postgres://db/analytics?sslmode=require", false, "postgres://db/analytics?sslmode=require"),
            ("host=db user=etl password='a b' dbname=x", true, "host=db user=etl dbname=x"),
            ("host=db user=etl dbname=x", false, "host=db user=etl dbname=x"),
        ])
    func password(_ url: String, _ has: Bool, _ shown: String) {
        let redaction = ConninfoRedaction(url)
        #expect(redaction.hasPassword == has)
        #expect(redaction.withoutPassword() == shown)
    }

    @Test("a URL libpq cannot parse is 78 and its password is not in the message")
    func unparsable() throws {
        for (url, secret) in [
            ("postgres://u:pa%zzword-x1@h/db", "zzword-x1"), ("host=h password=two words-x2 dbname=d", "words-x2"),
        ] {
            let error = try #require(throws: LoadError.self) { try LibPQConnection(url) }
            #expect(error.disposition == .configuration)
            #expect(!error.description.contains(secret), "\(error.description)")
        }
    }
}
