import Logging
import PartnerCenter
import PostgresLoad
import TestSupport
import Testing
import Warehouse

/// What the load at the speed of COPY relies on: the column declarations agree with the migrated tables, and a
/// referral received again byte for byte is recognised before COPY (docs/load.md#unchanged-referrals).
@Suite("unchanged referrals and column declarations")
struct UnchangedReferralTests {
    typealias Upserts = BatchUpserterTests

    @Test("every row type's declared columns exist in its table with the declared type")
    func declarationsMatchTables() throws {
        let db = try TestDatabase.connect()
        let schema = try TestDatabase.migratedSchema("declared")
        func check<Row: WarehouseRow>(_: Row.Type) throws {
            for column in Row.columns {
                let stored = try db.execute(
                    """
                    SELECT format_type(a.atttypid, a.atttypmod) = format_type($3::regtype, NULL)
                    FROM pg_attribute a WHERE a.attrelid = $1::regclass AND a.attname = $2 AND NOT a.attisdropped
                    """, [schema.table(Row.table), column.name, column.type.rawValue]
                ).scalar
                #expect(stored == "t", "\(Row.table).\(column.name) is not \(column.type.rawValue)")
            }
        }
        try check(ReferralRow.self)
        try check(CustomerRow.self)
        try check(RequirementRow.self)
        try check(ReferralRequirementRow.self)
        try check(TeamMemberRow.self)
        try check(Rejection.self)
    }

    @Test("a referral received again byte for byte is not sent: the stored row is not even compared")
    func skippedBeforeCopy() throws {
        let db = try TestDatabase.connect()
        let schema = try TestDatabase.migratedSchema("skip")
        let upserts = Upserts()
        let v1 = Upserts.referral("a", updated: "2025-01-02T00:00:00Z", team: ["ann"], products: ["Azure"])
        #expect(try upserts.load([v1], db, schema).inserted == 1)
        // Were the referral compared in the upsert, this older stored time would make it newer, and rewritten.
        _ = try db.execute("UPDATE \(schema.table("referrals")) SET updated_at = updated_at - interval '1 day'")
        let version = "SELECT xmin::text, updated_at FROM \(schema.table("referrals")) WHERE id = 'a'"
        let before = try db.execute(version).rows
        #expect(try upserts.load([v1], db, schema) == BatchOutcome(unchanged: 1))
        #expect(try db.execute(version).rows == before)
        #expect(try db.execute("SELECT count(*) FROM \(schema.table("referral_team_members"))").scalar == "1")
    }

    @Test("a stored referral without the digest takes it once, counted unchanged; the next receipt is skipped")
    func adoptsDigest() throws {
        let db = try TestDatabase.connect()
        let schema = try TestDatabase.migratedSchema("adopt")
        let upserts = Upserts()
        let v1 = Upserts.referral("a", updated: "2025-01-02T00:00:00Z")
        _ = try upserts.load([v1], db, schema)
        _ = try db.execute("UPDATE \(schema.table("referrals")) SET raw_digest = NULL")
        #expect(try upserts.load([v1], db, schema) == BatchOutcome(unchanged: 1))
        let digest = try db.execute("SELECT raw_digest FROM \(schema.table("referrals"))").scalar
        #expect(digest == ReferralRow(id: "a", raw: v1.raw).rawDigest)
        #expect(try db.execute("SELECT count(*) FROM \(schema.table("referral_status_history"))").scalar == "1")
    }
}
