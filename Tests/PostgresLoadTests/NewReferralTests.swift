import Foundation
import Logging
import PartnerCenter
import PostgresLoad
import TestSupport
import Testing
import Warehouse

/// Referrals not stored yet are COPYed straight into `referrals` (docs/load.md#new-referrals): the same rows, counts,
/// history and children as through the upsert, and a race with another session that stores the same referral
/// falls back to the upsert instead of quarantining anything.
@Suite("new referrals: straight into referrals")
struct NewReferralTests {
    typealias Upserts = BatchUpserterTests
    let logger = Logger(label: "test")
    let runID = "00000000-0000-4000-8000-000000000003"

    /// A referral whose raw JSON is long enough to be compressed (TOAST compresses rows over ~2 KB).
    static func long(_ referral: Referral) -> Referral {
        var referral = referral
        referral.raw = String(referral.raw.dropLast()) + #","notes":"\#(String(repeating: "note ", count: 1000))"}"#
        return referral
    }

    func batch(_ referrals: [Referral]) -> RowBatch {
        var builder = RowBatchBuilder()
        for r in referrals { builder.add(r) }
        return builder.build()
    }

    @Test("new and stored referrals in one batch: each gets the upsert's values, history, children and count")
    func mixed() throws {
        let db = try TestDatabase.connect()
        let schema = try TestDatabase.migratedSchema("new_mixed")
        let upserts = Upserts()
        _ = try upserts.load([Upserts.referral("a", updated: "2025-01-01T00:00:00Z", team: ["ann"])], db, schema)
        let outcome = try upserts.load(
            [
                Upserts.referral("a", updated: "2025-01-02T00:00:00Z", status: "Active", team: ["bob"]),
                Upserts.referral("b", updated: "2025-01-02T00:00:00Z", team: ["cy", "di"], products: ["Azure"]),
                Upserts.referral("c", updated: "2025-01-02T00:00:00Z"),
            ].map(Self.long), db, schema)
        #expect(outcome == BatchOutcome(inserted: 2, updated: 1))
        let rows = try db.execute(
            """
            SELECT id, run_id::text, loaded_at = last_seen_at, first_seen_at = loaded_at, missing_since IS NULL, pg_column_compression(raw), raw_digest IS NOT NULL
            FROM \(schema.table("referrals")) ORDER BY id
            """
        ).rows
        #expect(rows.map { $0[0] } == ["a", "b", "c"])
        for row in rows {
            #expect(row[1] == upserts.runID)
            #expect(row[2] == "t" && row[4] == "t" && row[5] == "lz4" && row[6] == "t", "\(row)")
        }
        // a existed: first seen by the first batch; b and c by this one, at the time a was rewritten.
        #expect(rows.map { $0[3] } == ["f", "t", "t"])
        let sameTime = try db.execute(
            "SELECT count(DISTINCT loaded_at) FROM \(schema.table("referrals"))"
        ).scalar
        #expect(sameTime == "1")
        #expect(try children(db, schema) == ["a:bob,b:cy,b:di", "a:New,a:Active,b:New,c:New"])
        #expect(try db.execute("SELECT count(*) FROM \(schema.table("referral_requirements"))").scalar == "1")
        #expect(try noOrphans(db, schema))
    }

    @Test("another session stores a new referral during the COPY: the batch goes through the upsert, no quarantine")
    func raceFallsBackToUpsert() async throws {
        let schema = try TestDatabase.migratedSchema("new_race")
        let other = try TestDatabase.connect()
        let loader = try TestDatabase.connect()
        let observer = try TestDatabase.connect()
        let loaderPID = try loader.execute("SELECT pg_backend_pid()").scalar ?? ""
        let upserter = BatchUpserter(schema: schema)
        // The other session stores x (older) and holds its transaction open: the loader's sighting does not see
        // x, so x is new to it, and its COPY waits on the other's uncommitted key until that commits: 23505.
        try other.execute("BEGIN")
        _ = try upserter.load(
            batch([Upserts.referral("x", updated: "2025-01-01T00:00:00Z", team: ["old"])]), runID: runID,
            pipeline: "other", fullRefreshStartedAt: nil, on: other, logger: logger)
        let mine = batch([
            Upserts.referral(
                "x", updated: "2025-01-05T00:00:00Z", status: "Active", team: ["new1", "new2"], customer: "Contoso"),
            Upserts.referral("y", updated: "2025-01-05T00:00:00Z", team: ["why"], customer: "Contoso"),
        ])
        let (runID, logger) = (runID, logger)
        let load = Task.detached {
            try loader.transaction {
                try upserter.loadIsolatingRefusals(
                    mine, runID: runID, pipeline: "test", fullRefreshStartedAt: nil, on: loader, logger: logger)
            }
        }
        var waited = false
        for _ in 0..<400 where !waited {
            let event = try observer.execute(
                "SELECT wait_event_type FROM pg_stat_activity WHERE pid = $1::int", [loaderPID]
            ).scalar
            waited = event == "Lock"
            if !waited { try await Task.sleep(for: .milliseconds(25)) }
        }
        #expect(waited, "the loader never waited on the other session's key")
        try other.execute("COMMIT")
        let outcome = try await load.value
        #expect(outcome == BatchOutcome(inserted: 1, updated: 1))
        #expect(try loader.execute("SELECT count(*) FROM \(schema.table("rejected_referrals"))").scalar == "0")
        #expect(try loader.execute("SELECT status FROM \(schema.table("referrals")) WHERE id = 'x'").scalar == "Active")
        #expect(try children(loader, schema) == ["x:new1,x:new2,y:why", "x:New,x:Active,y:New"])
        #expect(try noOrphans(loader, schema))
    }

    @Test(
        "referrals deleted or truncated by hand take their children along, so loading them again writes them whole",
        arguments: ["DELETE FROM %@", "TRUNCATE %@ CASCADE"])
    func removedByHand(statement: String) throws {
        let db = try TestDatabase.connect()
        let schema = try TestDatabase.migratedSchema("new_removed")
        let upserts = Upserts()
        let referrals = [
            Upserts.referral("a", updated: "2025-01-01T00:00:00Z", team: ["ann"], products: ["Azure"]),
            Upserts.referral("b", updated: "2025-01-01T00:00:00Z", team: ["bob"]),
        ]
        _ = try upserts.load(referrals, db, schema)
        try db.execute(statement.replacingOccurrences(of: "%@", with: schema.table("referrals")))
        #expect(try db.execute("SELECT count(*) FROM \(schema.table("referral_team_members"))").scalar == "0")
        #expect(try db.execute("SELECT count(*) FROM \(schema.table("referral_requirements"))").scalar == "0")
        #expect(try upserts.load(referrals, db, schema) == BatchOutcome(inserted: 2))
        #expect(try children(db, schema) == ["a:ann,b:bob", "a:New,b:New"])
        #expect(try noOrphans(db, schema))
    }

    /// The team members (`id:first_name`) and the status history (`id:status`), in order.
    func children(_ db: LibPQConnection, _ schema: SchemaName) throws -> [String?] {
        try db.execute(
            """
            SELECT (SELECT string_agg(referral_id || ':' || first_name, ',' ORDER BY referral_id, position)
                    FROM \(schema.table("referral_team_members"))),
                   (SELECT string_agg(referral_id || ':' || status, ',' ORDER BY referral_id, id)
                    FROM \(schema.table("referral_status_history")))
            """
        ).rows.first ?? []
    }

    /// Every child row names a stored referral (and a stored requirement): what the foreign keys guaranteed.
    func noOrphans(_ db: LibPQConnection, _ schema: SchemaName) throws -> Bool {
        let orphans = try db.execute(
            """
            SELECT (SELECT count(*) FROM \(schema.table("referral_team_members")) t
                    WHERE NOT EXISTS (SELECT 1 FROM \(schema.table("referrals")) r WHERE r.id = t.referral_id))
                 + (SELECT count(*) FROM \(schema.table("referral_requirements")) b
                    WHERE NOT EXISTS (SELECT 1 FROM \(schema.table("referrals")) r WHERE r.id = b.referral_id)
                       OR NOT EXISTS (SELECT 1 FROM \(schema.table("requirements")) q
                                      WHERE q.requirement_key = b.requirement_key))
            """
        ).scalar
        return orphans == "0"
    }
}
