import Foundation
import Logging
import PostgresLoad
import ScratchPostgres
import TestSupport
import Testing

/// `referrals_reader` is cluster-wide while schemas are not: schemas migrated at the same moment on a server
/// that has no such role yet must all end up readable by it, none failing on the role the others create.
@Suite("the reader role across schemas")
struct ReaderRoleTests {
    @Test("new server: no CREATEROLE stops with a hint; four schemas migrated at once share one role")
    func newServer() async throws {
        let cluster = try ScratchPostgres.start()
        defer { cluster.stop() }
        let admin = try LibPQConnection(cluster.url)
        try admin.execute("CREATE ROLE etl LOGIN PASSWORD 'etl-pw' NOCREATEROLE")
        try admin.execute("GRANT CREATE ON DATABASE postgres TO etl")
        let etlURL = cluster.url.replacingOccurrences(of: "postgres:\(ScratchPostgres.password)@", with: "etl:etl-pw@")
        let etl = try LibPQConnection(etlURL)
        let etlSchema = TestDatabase.freshSchema("reader_etl")
        #expect {
            try Migrator(schema: etlSchema).migrate(etl, logger: Logger(label: "test"))
        } throws: { error in
            let error = error as? LoadError
            return error?.sqlState == "42501" && error?.disposition == .credentialsRejected
                && error?.description.contains("CREATE ROLE referrals_reader NOLOGIN") == true
        }

        let schemas = (0..<4).map { _ in TestDatabase.freshSchema("reader") }
        let failures = try await withThrowingTaskGroup(of: String?.self) { group in
            for schema in schemas {
                group.addTask {
                    do {
                        let db = try LibPQConnection(cluster.url)
                        try Migrator(schema: schema).migrate(db, logger: Logger(label: "test"))
                        return nil
                    } catch {
                        return "\(schema): \(error)"
                    }
                }
            }
            return try await group.reduce(into: [String]()) { if let failure = $1 { $0.append(failure) } }
        }
        #expect(failures.isEmpty, "\(failures)")
        let db = try LibPQConnection(cluster.url)
        #expect(try db.execute("SELECT count(*) FROM pg_roles WHERE rolname = 'referrals_reader'").scalar == "1")
        for schema in schemas {
            let readable = try db.execute(
                "SELECT has_table_privilege('referrals_reader', $1, 'SELECT'), "
                    + "has_table_privilege('referrals_reader', $1, 'INSERT')",
                [schema.table("pending_response_sla")])
            #expect(readable.rows.first == ["t", "f"], "\(schema)")
        }
        // Once the role exists, a migrating login without CREATEROLE grants it its schema.
        try Migrator(schema: etlSchema).migrate(etl, logger: Logger(label: "test"))
        let granted = try db.execute(
            "SELECT has_table_privilege('referrals_reader', $1, 'SELECT')", [etlSchema.table("referral_overview")])
        #expect(granted.scalar == "t")
    }
}
