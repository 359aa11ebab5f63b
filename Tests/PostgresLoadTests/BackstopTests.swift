import Logging
import PartnerCenter
import PostgresLoad
import TestSupport
import Testing
import Warehouse

/// The loader's backstop against a real PostgreSQL: values transform let through but PostgreSQL refuses (injected
/// on the row batch, the way an unforeseen value would arrive) send their referral to quarantine, not the batch
/// to failure.
@Suite("backstop: PostgreSQL refusals are isolated")
struct BackstopTests {
    let logger = Logger(label: "test")
    let runID = "00000000-0000-4000-8000-000000000002"

    @Test("two refused referrals among nine: both quarantined with SQLSTATE, message and id; the seven commit")
    func isolates() throws {
        let db = try TestDatabase.connect()
        let schema = try TestDatabase.migratedSchema("backstop")
        var builder = RowBatchBuilder()
        for index in 0..<9 {
            builder.add(
                BatchUpserterTests.referral(
                    "r\(index)", updated: "2025-01-02T00:00:00Z", team: ["ann"], products: ["P\(index)"],
                    customer: index == 3 ? "Only Three" : "Fabrikam"))
        }
        builder.add(UndecodableReferral(raw: "[1]", reason: "item is an array, expected an object"))
        var batch = builder.build()
        // Values only PostgreSQL refuses: raw that is not JSON (22P02), an instant before 4713 BC (22008).
        batch.referrals[3].raw = "{not json"
        batch.referrals[7].createdAt = Timestamp(ticks: .min)
        let outcome = try db.transaction {
            try BatchUpserter(schema: schema).loadIsolatingRefusals(
                batch, runID: runID, pipeline: "test", fullRefreshStartedAt: nil, on: db, logger: logger)
        }
        #expect(outcome.inserted == 7)
        #expect(outcome.rejected == 3)
        let ids = try db.execute("SELECT id FROM \(schema.table("referrals")) ORDER BY id").rows.map { $0[0] ?? "" }
        #expect(ids == ["r0", "r1", "r2", "r4", "r5", "r6", "r8"])
        let children = try db.execute(
            "SELECT count(*) FROM \(schema.table("referral_team_members")) WHERE referral_id IN ('r3', 'r7')")
        #expect(children.scalar == "0")
        #expect(try db.execute("SELECT count(*) FROM \(schema.table("referral_team_members"))").scalar == "7")
        // The customer only the refused referral named is not stored either.
        let lonely = try db.execute("SELECT count(*) FROM \(schema.table("customers")) WHERE name = 'Only Three'")
        #expect(lonely.scalar == "0")
        let rejected = try db.execute(
            "SELECT referral_id, reason, raw FROM \(schema.table("rejected_referrals")) "
                + "WHERE referral_id IS NOT NULL ORDER BY referral_id")
        #expect(rejected.rows.map { $0[0] } == ["r3", "r7"])
        #expect(rejected.rows[0][1]?.contains("PostgreSQL refused referral r3") == true)
        #expect(rejected.rows[0][1]?.contains("SQLSTATE 22P02") == true, "\(rejected.rows[0][1] ?? "")")
        #expect(rejected.rows[0][2] == "{not json")
        #expect(rejected.rows[1][1]?.contains("SQLSTATE 22") == true, "\(rejected.rows[1][1] ?? "")")
        #expect(try db.execute("SELECT count(*) FROM \(schema.table("rejected_referrals"))").scalar == "3")
    }

    @Test("a clean batch takes one attempt and other failures are not swallowed")
    func cleanAndOtherErrors() throws {
        let db = try TestDatabase.connect()
        let schema = try TestDatabase.migratedSchema("backstop_clean")
        var builder = RowBatchBuilder()
        builder.add(BatchUpserterTests.referral("a", updated: "2025-01-02T00:00:00Z"))
        let batch = builder.build()
        let outcome = try db.transaction {
            try BatchUpserter(schema: schema).loadIsolatingRefusals(
                batch, runID: runID, pipeline: "test", fullRefreshStartedAt: nil, on: db, logger: logger)
        }
        #expect(outcome == BatchOutcome(inserted: 1))
        // Other failures (here a schema that does not exist, SQLSTATE 42P01) are thrown, not quarantined.
        let missing = BatchUpserter(schema: try SchemaName("no_such_schema_x"))
        #expect(throws: LoadError.self) {
            try db.transaction {
                try missing.loadIsolatingRefusals(
                    batch, runID: runID, pipeline: "test", fullRefreshStartedAt: nil, on: db, logger: logger)
            }
        }
    }
}
