import Logging
import PartnerCenter
import PostgresLoad
import TestSupport
import Testing
import Warehouse

@Suite("batch upserts")
struct BatchUpserterTests {
    let logger = Logger(label: "test")
    let runID = "00000000-0000-4000-8000-000000000001"

    static func referral(
        _ id: String, updated: String, status: String = "New", substatus: String = "Pending", team: [String] = [],
        products: [String] = [], customer: String = "Fabrikam"
    ) -> Referral {
        var r = Referral(id: id)
        r.updatedDateTime = updated
        r.createdDateTime = "2025-01-01T00:00:00Z"
        r.status = status
        r.substatus = substatus
        r.team = team.map { Referral.Member(firstName: $0, email: "\($0)@example.com") }
        r.details = Referral.Details(
            dealValue: "100.50", requirements: Referral.Requirements(products: products.map { Referral.Tag(id: $0) }))
        r.customerProfile = Referral.CustomerProfile(
            name: customer, address: Referral.Address(postalCode: "98052", country: "US"))
        r.raw =
            #"{"id":"\#(id)","updatedDateTime":"\#(updated)","status":"\#(status)","team":\#(team.count),"p":\#(products.count)}"#
        return r
    }

    func load(_ referrals: [Referral], _ db: LibPQConnection, _ schema: SchemaName) throws -> BatchOutcome {
        var builder = RowBatchBuilder()
        for r in referrals { builder.add(r) }
        let batch = builder.build()
        return try db.transaction {
            try BatchUpserter(schema: schema).load(
                batch, runID: runID, pipeline: "test", fullRefreshStartedAt: nil, on: db, logger: logger)
        }
    }

    @Test("insert, then unchanged is not rewritten, then newer replaces and children follow")
    func lifecycle() throws {
        let db = try TestDatabase.connect()
        let schema = try TestDatabase.migratedSchema("upsert")
        let v1 = Self.referral("a", updated: "2025-01-02T00:00:00Z", team: ["ann", "bob"], products: ["Azure", "SQL"])
        let first = try load([v1, Self.referral("b", updated: "2025-01-02T00:00:00Z")], db, schema)
        #expect(first == BatchOutcome(inserted: 2, updated: 0, unchanged: 0, rejected: 0))
        let loadedAt = try db.execute("SELECT xmin::text FROM \(schema.table("referrals")) WHERE id = 'a'").scalar

        let again = try load([v1], db, schema)
        #expect(again == BatchOutcome(inserted: 0, updated: 0, unchanged: 1, rejected: 0))
        #expect(try db.execute("SELECT xmin::text FROM \(schema.table("referrals")) WHERE id = 'a'").scalar == loadedAt)

        let v2 = Self.referral(
            "a", updated: "2025-01-03T00:00:00Z", status: "Active", substatus: "Accepted", team: ["ann"],
            products: ["Azure"])
        let changed = try load([v2], db, schema)
        #expect(changed == BatchOutcome(inserted: 0, updated: 1, unchanged: 0, rejected: 0))
        #expect(
            try db.execute(
                "SELECT string_agg(first_name, ',' ORDER BY position) FROM \(schema.table("referral_team_members")) WHERE referral_id = 'a'"
            ).scalar == "ann")
        #expect(
            try db.execute(
                "SELECT count(*) FROM \(schema.table("referral_requirements")) WHERE referral_id = 'a'"
            ).scalar == "1")
        #expect(
            try db.execute(
                "SELECT string_agg(status || '/' || substatus, ',' ORDER BY id) FROM \(schema.table("referral_status_history")) WHERE referral_id = 'a'"
            ).scalar == "New/Pending,Active/Accepted")

        // An older version never replaces a newer one.
        let stale = try load([v1], db, schema)
        #expect(stale == BatchOutcome(inserted: 0, updated: 0, unchanged: 1, rejected: 0))
        #expect(try db.execute("SELECT status FROM \(schema.table("referrals")) WHERE id = 'a'").scalar == "Active")
        #expect(try db.execute("SELECT count(*) FROM \(schema.table("customers"))").scalar == "1")
        #expect(
            try db.execute("SELECT deal_value::text FROM \(schema.table("referrals")) WHERE id = 'b'").scalar
                == "100.50")
    }

    @Test("the same id twice in a batch: the newest wins before ON CONFLICT")
    func duplicateInBatch() throws {
        let db = try TestDatabase.connect()
        let schema = try TestDatabase.migratedSchema("dup")
        let newer = Self.referral("x", updated: "2025-02-02T00:00:00Z", status: "Closed", substatus: "Won")
        let older = Self.referral("x", updated: "2025-02-01T00:00:00Z")
        let outcome = try load([newer, older], db, schema)
        #expect(outcome.inserted == 1)
        #expect(outcome.unchanged == 1)
        #expect(try db.execute("SELECT status FROM \(schema.table("referrals")) WHERE id = 'x'").scalar == "Closed")
    }

    @Test("a failing batch rolls back every row of it")
    func rollback() throws {
        let db = try TestDatabase.connect()
        let schema = try TestDatabase.migratedSchema("rollback")
        struct Crash: Error {}
        #expect(throws: Crash.self) {
            try db.transaction {
                var builder = RowBatchBuilder()
                builder.add(Self.referral("r1", updated: "2025-01-01T00:00:00Z", team: ["t"]))
                _ = try BatchUpserter(schema: schema).load(
                    builder.build(), runID: runID, pipeline: "test", fullRefreshStartedAt: nil, on: db, logger: logger)
                throw Crash()
            }
        }
        for table in ["referrals", "customers", "referral_team_members", "referral_status_history"] {
            #expect(try db.execute("SELECT count(*) FROM \(schema.table(table))").scalar == "0", "\(table)")
        }
    }

    @Test("a record rejected again is quarantined once: later receipts are counted, not stored twice")
    func rejectionsOnce() throws {
        let db = try TestDatabase.connect()
        let schema = try TestDatabase.migratedSchema("rejections")
        var bad = Self.referral("bad-1", updated: "not-a-date")
        bad.raw = #"{"id":"bad-1","updatedDateTime":"not-a-date"}"#
        var worse = bad
        worse.raw = #"{"id":"bad-1","updatedDateTime":"not-a-date","v":2}"#
        let first = try load([bad, Self.referral("ok", updated: "2025-01-01T00:00:00Z")], db, schema)
        #expect(first.rejected == 1 && first.newlyRejected == 1 && first.inserted == 1)
        let again = try load([bad], db, schema)
        #expect(again.rejected == 1 && again.newlyRejected == 0)
        let changed = try load([worse], db, schema)
        #expect(changed.rejected == 1 && changed.newlyRejected == 1)
        let rows = try db.execute(
            "SELECT times_received, referral_id FROM \(schema.table("rejected_referrals")) ORDER BY id")
        #expect(rows.rows == [["2", "bad-1"], ["1", "bad-1"]])
    }
}
