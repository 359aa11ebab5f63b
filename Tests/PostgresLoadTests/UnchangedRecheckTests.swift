import Logging
import PartnerCenter
import PostgresLoad
import TestSupport
import Testing
import Warehouse

/// Referrals recognised stored unchanged before decoding (`UnchangedLookup`), and what the writer does when the
/// stored row changed between that lookup and the batch's transaction (docs/load.md#unchanged-referrals).
@Suite("unchanged referrals recognised before decoding")
struct UnchangedRecheckTests {
    let logger = Logger(label: "test")
    let runID = "00000000-0000-4000-8000-000000000001"
    static let element =
        #"{"id":"a","createdDateTime":"2025-01-01T00:00:00Z","updatedDateTime":"2025-01-02T00:00:00Z","#
        + #""status":"New","team":[{"firstName":"ann"}],"details":{"requirements":{"products":[{"id":"Azure"}]}}}"#

    static func page() throws -> ReferralPage {
        try ReferralPageDecoder.skim(Array((#"{"value":["# + element + "]}").utf8), number: 1)
    }

    func load(_ batch: RowBatch, _ db: LibPQConnection, _ schema: SchemaName) throws -> BatchOutcome {
        try db.transaction {
            try BatchUpserter(schema: schema).loadIsolatingRefusals(
                batch, runID: runID, pipeline: "test", fullRefreshStartedAt: nil, on: db, logger: logger)
        }
    }

    /// The batch of the page with its element recognised unchanged, as the lookup found it.
    func recognised(_ db: LibPQConnection, _ schema: SchemaName) throws -> RowBatch {
        let page = try Self.page()
        let digest = RawDigest.of(page.skimmed[0])
        let found = try UnchangedLookup(schema: schema).stored([("a", digest), ("other", digest)], on: db)
        #expect(Array(found.keys) == [0])
        let location = try #require(found[0])
        var builder = RowBatchBuilder()
        builder.add(page, storedUnchanged: [0: StoredVersion(rawDigest: digest, location: location)])
        let batch = builder.build()
        #expect(batch.unchanged.map(\.id) == ["a"] && batch.referrals.isEmpty)
        return batch
    }

    @Test("the digest of the skimmed bytes is the stored one; an unchanged batch writes nothing")
    func lookupFindsStoredDigest() throws {
        let db = try TestDatabase.connect()
        let schema = try TestDatabase.migratedSchema("recheck_same")
        var builder = RowBatchBuilder()
        builder.add(try Self.page())
        #expect(try load(builder.build(), db, schema).inserted == 1)
        #expect(try UnchangedLookup(schema: schema).anyStored(on: db))
        let version = "SELECT xmin::text FROM \(schema.table("referrals"))"
        let before = try db.execute(version).scalar
        #expect(try load(recognised(db, schema), db, schema) == BatchOutcome(unchanged: 1))
        #expect(try db.execute(version).scalar == before)
    }

    @Test("a row another writer changed or deleted after the lookup is written in the transaction, newest wins")
    func changedAfterLookup() throws {
        let db = try TestDatabase.connect()
        let schema = try TestDatabase.migratedSchema("recheck_changed")
        let referrals = schema.table("referrals")
        var builder = RowBatchBuilder()
        builder.add(try Self.page())
        _ = try load(builder.build(), db, schema)
        let stored = "SELECT updated_at, raw_digest, raw->>'status' FROM \(referrals)"
        let original = try db.execute(stored).rows

        // Older content written over it (bypassing newest wins): ours is newer, so it is written again.
        var batch = try recognised(db, schema)
        _ = try db.execute(
            "UPDATE \(referrals) SET updated_at = '2025-01-01', raw = '{\"id\":\"a\",\"status\":\"Old\"}', "
                + "raw_digest = 'other'")
        _ = try db.execute("DELETE FROM \(schema.table("referral_team_members"))")
        #expect(try load(batch, db, schema) == BatchOutcome(updated: 1))
        #expect(try db.execute(stored).rows == original)
        #expect(try db.execute("SELECT count(*) FROM \(schema.table("referral_team_members"))").scalar == "1")

        // A newer version written by another pipeline: ours is older, it stays.
        batch = try recognised(db, schema)
        _ = try db.execute("UPDATE \(referrals) SET updated_at = '2025-02-01', raw_digest = 'newer'")
        #expect(try load(batch, db, schema) == BatchOutcome(unchanged: 1))
        #expect(try db.execute("SELECT raw_digest FROM \(referrals)").scalar == "newer")

        // Deleted: inserted again.
        _ = try db.execute("UPDATE \(referrals) SET raw_digest = $1", [original[0][1]])
        batch = try recognised(db, schema)
        _ = try db.execute("DELETE FROM \(referrals)")
        #expect(try load(batch, db, schema) == BatchOutcome(inserted: 1))
        #expect(try db.execute(stored).rows == original)
    }
}
