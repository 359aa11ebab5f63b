import Foundation
import PartnerCenterSimulator
import PostgresLoad
import TestSupport
import Testing

/// `renormalize` through the built binary: the warehouse rebuilt from the stored raw JSON.
@Suite("renormalize end to end", .serialized)
struct RenormalizeEndToEndTests {
    @Test("corrupted typed columns and child rows are rebuilt from raw; seen stamps and watermark stay")
    func rebuildsFromRaw() async throws {
        try await RunEndToEndTests.withSetup(referrals: 300) { simulator, binary, schema, db in
            let run = try binary.run(["run", "--pipeline-name", "nightly"])
            #expect(run.status == 0, "\(run.stderr.suffix(400))")
            let original = try ExpectedWarehouse.fingerprint(db, schema)
            let seen =
                "SELECT md5(string_agg(id || last_seen_at::text, ',' ORDER BY id)) FROM \(schema.table("referrals"))"
            let seenBefore = try db.execute(seen).scalar
            let requestsBefore = simulator.requests().count

            for statement in [
                "UPDATE \(schema.table("referrals")) SET name = 'broken', status = NULL, deal_value = -1, closing_at = NULL",
                "DELETE FROM \(schema.table("referral_team_members")) WHERE position > 0",
                "DELETE FROM \(schema.table("referral_requirements"))",
                "UPDATE \(schema.table("customers")) SET city = 'Nowhere', postal_code = NULL",
                "UPDATE \(schema.table("referral_team_members")) SET email = 'x@example.invalid'",
            ] {
                try db.execute(statement)
            }
            #expect(try ExpectedWarehouse.fingerprint(db, schema) != original)

            let renormalized = try binary.run(["renormalize", "--batch-size", "70"])
            #expect(renormalized.status == 0, "\(renormalized.stderr.suffix(400))")
            let lines = renormalized.stdout.split(separator: "\n")
            #expect(lines.count == 1)
            #expect(renormalized.int("referrals") == 300)
            #expect(renormalized.int("updated") == 300)
            #expect(renormalized.int("pages") == 5)
            #expect(renormalized.summary["mode"] as? String == "renormalize")
            #expect(renormalized.summary["pipeline"] as? String == "nightly")
            #expect(renormalized.summary["watermark"] as? String == run.summary["watermark"] as? String)

            let rebuilt = try ExpectedWarehouse.fingerprint(db, schema)
            for (table, digest) in original { #expect(rebuilt[table] == digest, "\(table)") }
            #expect(try db.execute(seen).scalar == seenBefore)
            #expect(simulator.requests().count == requestsBefore)

            let status = try binary.run(["status", "--json"])
            #expect(status.status == 0)
            #expect(status.stdout.contains(run.summary["run_id"] as? String ?? "?"), "renormalize is not the last run")
            let lock = AdvisoryLock.pipeline("nightly", schema: schema)
            #expect(try lock.tryAcquire(db) == nil)
            let locked = try binary.run(["renormalize", "--pipeline-name", "nightly"])
            #expect(locked.status == 75)
            #expect(locked.stderr.contains("pipeline nightly is running"))
            try lock.release(db)
            #expect(try binary.run(["renormalize", "--batch-size", "0"]).status == 78)
            #expect(try binary.run(["renormalize", "--batch-size", "ten"]).status == 64)
        }
    }
}
