import Foundation
import PartnerCenterSimulator
import PostgresLoad
import TestSupport
import Testing

/// A full refresh recognises the referrals stored unchanged before decoding them (docs/load.md#unchanged-referrals):
/// through the built binary against the simulator, single chain and sliced.
@Suite("full refresh over unchanged data", .serialized)
struct RefreshEndToEndTests {
    /// The count the run logged (JSON log lines) for what it recognised unchanged before decoding.
    static func recognised(_ output: BinaryRunner.Output) -> Int? {
        guard let range = output.stderr.range(of: #""referrals.recognised_unchanged":""#) else { return nil }
        return Int(output.stderr[range.upperBound...].prefix { $0.isNumber })
    }

    @Test(
        "unchanged referrals are never decoded; changed and new ones are written; counts as when everything was decoded",
        arguments: [1, 2])
    func recognisedBeforeDecoding(slices: Int) async throws {
        try await RunEndToEndTests.withSetup(referrals: 600) { simulator, binary, schema, db in
            let first = try binary.run(["run", "--batch-size", "100"])
            #expect(first.int("inserted") == 600, "\(first.stderr.suffix(400))")
            // A first load into an empty warehouse looks nothing up.
            #expect(Self.recognised(first) == 0)
            let referrals = schema.table("referrals")
            let mutation = simulator.mutate(count: 20, new: 3)
            // One referral flagged missing by an earlier refresh is back, unchanged: its flag is cleared.
            let changed = mutation.changed.map { "'\($0)'" }.joined(separator: ",")
            _ = try db.execute(
                "UPDATE \(referrals) SET missing_since = now() WHERE id = "
                    + "(SELECT min(id) FROM \(referrals) WHERE id NOT IN (\(changed)))")
            let versions = "SELECT id, xmin::text FROM \(referrals) WHERE missing_since IS NULL"
            let before = Set(try db.execute(versions).rows)

            let refresh = try binary.run(["run", "--full-refresh", "--batch-size", "100", "--slices", "\(slices)"])
            #expect(refresh.status == 0, "\(refresh.stderr.suffix(400))")
            let unchanged = 600 - mutation.changed.count
            #expect(refresh.int("referrals") == 603)
            #expect(refresh.int("inserted") == mutation.created.count)
            #expect(refresh.int("updated") == mutation.changed.count)
            #expect(refresh.int("unchanged") == unchanged)
            #expect(refresh.int("rejected") == 0)
            #expect(Self.recognised(refresh) == unchanged, "\(refresh.stderr.suffix(600))")
            #expect(try db.execute("SELECT count(*) FROM \(referrals) WHERE missing_since IS NOT NULL").scalar == "0")
            // No unchanged row was rewritten; the warehouse is the simulator's data.
            let after = Set(try db.execute(versions).rows)
            #expect(before.subtracting(after).count == mutation.changed.count)
            let expected = ExpectedWarehouse(referrals: try ExpectedWarehouse.referrals(of: simulator))
            let stored = try ExpectedWarehouse.read(db, schema)
            #expect(stored.teamMembers == expected.teamMembers)
            #expect(stored.bridges == expected.bridges)
            #expect(stored.customers == expected.customers)

            // Again over unchanged data: everything recognised, nothing written.
            let again = try binary.run(["run", "--full-refresh", "--slices", "\(slices)"])
            #expect(again.int("unchanged") == 603)
            #expect(Self.recognised(again) == 603)
            #expect(Set(try db.execute(versions).rows) == after)
        }
    }

    @Test("without a second connection (the role's connection limit) a refresh decodes everything and succeeds")
    func noSecondConnection() async throws {
        try await RunEndToEndTests.withSetup(referrals: 200) { _, binary, schema, db in
            #expect(try binary.run(["run"]).int("inserted") == 200)
            let role = "etl_single_\(UInt32.random(in: 0...UInt32.max))"
            let database = try #require(try db.execute("SELECT current_database()").scalar)
            try db.execute("CREATE ROLE \(role) LOGIN PASSWORD 'single-pw-1' CONNECTION LIMIT 1")
            try db.execute("GRANT CONNECT, TEMPORARY ON DATABASE \(database) TO \(role)")
            try db.execute("GRANT USAGE ON SCHEMA \(schema.quoted) TO \(role)")
            try db.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA \(schema.quoted) TO \(role)")
            try db.execute("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA \(schema.quoted) TO \(role)")
            var url = try #require(URLComponents(string: try TestDatabase.url()))
            url.user = role
            url.password = "single-pw-1"
            var single = binary
            single.environment["DATABASE_URL"] = url.string
            let refresh = try single.run(["run", "--full-refresh"])
            #expect(refresh.status == 0, "\(refresh.stderr.suffix(600))")
            #expect(refresh.int("unchanged") == 200)
            #expect(Self.recognised(refresh) == 0)
            #expect(refresh.stderr.contains("No second connection for lookups"), "\(refresh.stderr.suffix(600))")
            #expect(!refresh.stderr.contains("single-pw-1"))
        }
    }
}
