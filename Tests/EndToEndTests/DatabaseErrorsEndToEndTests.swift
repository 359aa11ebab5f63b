import Foundation
import PostgresLoad
import TestSupport
import Testing

/// Configuration and permission mistakes about the database exit with the right code and name the cause,
/// through the built binary; a runner role with DML rights only runs after an owner migrated.
@Suite("database errors end to end", .serialized)
struct DatabaseErrorsEndToEndTests {
    /// The test server's URL with `suffix` appended as query parameters.
    static func url(_ query: String) throws -> String {
        let base = try TestDatabase.url()
        return base + (base.contains("?") ? "&" : "?") + query
    }

    @Test(
        "a malformed DATABASE_URL part is 78 naming it",
        arguments: [
            ("postgres://postgres@127.0.0.1:99x99/postgres", "port"),
            ("sslmode=bogus", "sslmode"),
            ("frobnicate=1", "frobnicate"),
        ])
    func malformedPart(_ url: String, _ part: String) throws {
        var (binary, _) = try HTTPWaitsEndToEndTests.binary("http://127.0.0.1:9")
        binary.environment["DATABASE_URL"] = url.hasPrefix("postgres://") ? url : try Self.url(url)
        for command in ["run", "migrate"] {
            let run = try binary.run([command])
            #expect(run.status == 78, "\(command): \(run.stderr.suffix(400))")
            #expect(run.stderr.contains(part), "\(command): \(run.stderr.suffix(400))")
        }
    }

    @Test("a read-only database (SQLSTATE 25006) is 78: point DATABASE_URL at the primary")
    func readOnly() throws {
        var (binary, _) = try HTTPWaitsEndToEndTests.binary("http://127.0.0.1:9")
        binary.environment["DATABASE_URL"] = try Self.url("options=-c%20default_transaction_read_only%3Don")
        for command in ["run", "migrate"] {
            let run = try binary.run([command])
            #expect(run.status == 78, "\(command): \(run.stderr.suffix(400))")
            #expect(run.stderr.contains("the database is read-only: point DATABASE_URL at the primary"))
        }
    }

    @Test("an owner migrates; a runner with CONNECT, TEMP and DML rights runs; a missing grant is 77 naming it")
    func leastPrivilege() async throws {
        try await RunEndToEndTests.withSetup(referrals: 150) { _, binary, schema, db in
            let suffix = UInt32.random(in: 0...UInt32.max)
            let (owner, runner) = ("etl_owner_\(suffix)", "etl_runner_\(suffix)")
            let database = try #require(try db.execute("SELECT current_database()").scalar)
            try db.execute("CREATE ROLE \(owner) LOGIN PASSWORD 'owner-pw-1'")
            try db.execute("CREATE ROLE \(runner) LOGIN PASSWORD 'runner-pw-1'")
            try db.execute("GRANT CONNECT, CREATE, TEMPORARY ON DATABASE \(database) TO \(owner)")
            try db.execute("GRANT CONNECT, TEMPORARY ON DATABASE \(database) TO \(runner)")
            // 0004 needs the cluster-wide reader role; a DBA creates it when the owner lacks CREATEROLE.
            try db.execute(
                "DO $$ BEGIN CREATE ROLE referrals_reader NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$")
            var url = try #require(URLComponents(string: try TestDatabase.url()))
            url.user = owner
            url.password = "owner-pw-1"
            var asOwner = binary
            asOwner.environment["DATABASE_URL"] = url.string
            #expect(try asOwner.run(["migrate"]).status == 0)
            // The README's runner grants.
            try db.execute("SET ROLE \(owner)")
            try db.execute("GRANT USAGE ON SCHEMA \(schema.quoted) TO \(runner)")
            try db.execute(
                "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA \(schema.quoted) TO \(runner)")
            try db.execute("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA \(schema.quoted) TO \(runner)")
            try db.execute("RESET ROLE")
            url.user = runner
            url.password = "runner-pw-1"
            var asRunner = binary
            asRunner.environment["DATABASE_URL"] = url.string
            let run = try asRunner.run(["run"])
            #expect(run.status == 0, "\(run.stderr.suffix(600))")
            #expect(run.int("inserted") == 150)
            try db.execute("REVOKE INSERT ON \(schema.table("etl_runs")) FROM \(runner)")
            let denied = try asRunner.run(["run"])
            #expect(denied.status == 77, "\(denied.stderr.suffix(600))")
            #expect(denied.stderr.contains("etl_runs"), "\(denied.stderr.suffix(600))")
        }
    }
}
