import Foundation
import PartnerCenter
import PartnerCenterSimulator
import PostgresLoad
import TestSupport
import Testing

/// The run's modes and its data-quality paths, through the built binary: duplicates across pages, malformed
/// records and the rejection threshold, SIGTERM, full refresh, backfill and the filter strategy.
@Suite("run modes end to end", .serialized)
struct RunModesEndToEndTests {
    typealias Setup = RunEndToEndTests

    /// The simulator's current data as `id → referral`.
    static func dataset(_ simulator: PartnerCenterSimulator) throws -> [String: [String: Any]] {
        let data = try JSONSerialization.jsonObject(with: simulator.allReferralsJSON()) as? [String: Any]
        let all = (data?["value"] as? [[String: Any]]) ?? []
        return Dictionary(all.map { ($0["id"] as? String ?? "", $0) }, uniquingKeysWith: { _, last in last })
    }

    /// `id → raw->>'updatedDateTime'` of the warehouse: which version of each referral it holds.
    static func storedVersions(_ db: LibPQConnection, _ schema: SchemaName) throws -> [String: String] {
        let result = try db.execute("SELECT id, raw->>'updatedDateTime' FROM \(schema.table("referrals"))")
        return Dictionary(result.rows.map { ($0[0] ?? "", $0[1] ?? "") }, uniquingKeysWith: { first, _ in first })
    }

    /// Adds `ghost-referral-1`, a referral the API does not have (deleted or hidden upstream since it was loaded),
    /// last seen a day ago; with `otherPipeline`, also `other-pipeline-1`, written by another pipeline's run.
    static func insertGhost(_ db: LibPQConnection, _ schema: SchemaName, otherPipeline: Bool = false) throws {
        let referrals = schema.table("referrals")
        _ = try db.execute("CREATE TEMP TABLE ghost AS SELECT * FROM \(referrals) LIMIT 1")
        _ = try db.execute("UPDATE ghost SET id = 'ghost-referral-1', last_seen_at = now() - interval '1 day'")
        _ = try db.execute("INSERT INTO \(referrals) SELECT * FROM ghost")
        if otherPipeline {
            _ = try db.execute("UPDATE ghost SET id = 'other-pipeline-1', run_id = gen_random_uuid()")
            _ = try db.execute("INSERT INTO \(referrals) SELECT * FROM ghost")
        }
        _ = try db.execute("DROP TABLE ghost")
    }

    static func watermark(_ db: LibPQConnection, _ schema: SchemaName) throws -> String? {
        try db.execute("SELECT watermark FROM \(schema.table("etl_state")) WHERE pipeline = 'default'").scalar
    }

    @Test(
        "duplicates across pages: the newest version wins, whichever page carries it",
        arguments: [FaultConfiguration.DuplicateVersion.older, .newer])
    func duplicatesAcrossPages(_ version: FaultConfiguration.DuplicateVersion) async throws {
        var faults = FaultConfiguration()
        faults.duplicateRate = 0.6
        faults.duplicateVersion = version
        try await Setup.withSetup(referrals: 1_000, faults: faults) { simulator, binary, schema, db in
            // Batches of one page: a repeat and its original land in different transactions.
            let run = try binary.run(["run", "--batch-size", "100"])
            #expect(run.status == 0, "\(run.stderr.suffix(400))")
            #expect(run.int("referrals") > 1_000, "the fault repeated no referral")
            #expect(try Setup.count(db, schema, "referrals") == 1_000)
            let expected = try Self.dataset(simulator).mapValues { $0["updatedDateTime"] as? String ?? "" }
            #expect(try Self.storedVersions(db, schema) == expected)
            // One status-history row per referral: a repeat of the same status adds none.
            #expect(try Setup.count(db, schema, "referral_status_history") == 1_000)
        }
    }

    @Test("malformed records under the threshold: quarantined, counted, every good one loaded, exit 0")
    func malformedUnderThreshold() async throws {
        try await Setup.withSetup(referrals: 1_000) { simulator, binary, schema, db in
            let bad = Array(try Self.dataset(simulator).keys.sorted().prefix(8))
            var faults = FaultConfiguration()
            faults.malformedIDs = bad
            simulator.setFaults(faults)
            let run = try binary.run(["run"])
            #expect(run.status == 0, "\(run.stderr.suffix(400))")
            #expect(run.int("rejected") == 8)
            #expect(run.int("inserted") == 992)
            #expect(try Setup.count(db, schema, "referrals") == 992)
            let rejected = try db.execute(
                "SELECT reason, raw FROM \(schema.table("rejected_referrals")) ORDER BY raw")
            #expect(rejected.rows.count == 8)
            for id in bad {
                #expect(rejected.rows.contains { ($0[1] ?? "").contains(id) }, "no rejection names \(id)")
            }
            #expect(rejected.rows.contains { ($0[0] ?? "").contains("updatedDateTime") })
            #expect(rejected.rows.contains { ($0[0] ?? "").lowercased().contains("deal") })
            let stored = try db.execute(
                "SELECT count(*) FROM \(schema.table("referrals")) WHERE id = ANY($1::text[])",
                ["{\(bad.joined(separator: ","))}"])
            #expect(stored.scalar == "0")
        }
    }

    @Test("malformed records past the threshold: good rows kept, run failed, exit 65")
    func malformedOverThreshold() async throws {
        try await Setup.withSetup(referrals: 1_000) { simulator, binary, schema, db in
            var faults = FaultConfiguration()
            faults.malformedIDs = Array(try Self.dataset(simulator).keys.sorted().prefix(30))
            simulator.setFaults(faults)
            let run = try binary.run(["run"])
            #expect(run.status == 65, "\(run.stderr.suffix(400))")
            #expect(run.summary["status"] as? String == "failed")
            #expect(run.int("rejected") == 30)
            #expect(run.stderr.contains("rejected_referrals"))
            #expect(try Setup.count(db, schema, "referrals") == 970)
            #expect(try Setup.count(db, schema, "rejected_referrals") == 30)
            let ledger = try db.execute("SELECT status, rejected FROM \(schema.table("etl_runs"))")
            #expect(ledger.rows == [["failed", "30"]])
            // Read again, the same bad records are counted but neither stored twice nor failing the run again.
            let again = try binary.run(["run", "--full-refresh"])
            #expect(again.status == 0, "\(again.stderr.suffix(400))")
            #expect(again.int("rejected") == 30)
            #expect(again.int("rejected_new") == 0)
            #expect(try Setup.count(db, schema, "rejected_referrals") == 30)
            #expect(
                try db.execute("SELECT min(times_received) FROM \(schema.table("rejected_referrals"))").scalar == "2")
            #expect(
                try db.execute(
                    "SELECT count(*) FROM \(schema.table("referrals")) WHERE missing_since IS NOT NULL"
                ).scalar == "0")
        }
    }

    @Test(
        "SIGTERM or SIGINT mid-run: the batch in flight finishes or rolls back, status cancelled, exit 75; rerun converges",
        arguments: [SIGTERM, SIGINT])
    func sigterm(_ signal: Int32) async throws {
        var faults = FaultConfiguration()
        faults.pageDelayMilliseconds = 100
        try await Setup.withSetup(referrals: 1_500, faults: faults) { simulator, binary, schema, db in
            #expect(try binary.run(["migrate"]).status == 0)
            let (process, out, errURL) = try binary.start(["run", "--batch-size", "100"])
            // Signal once the first batch has committed (the run needs at least 1.5 s of pages in all).
            let deadline = ContinuousClock.now + .seconds(60)
            while try Setup.count(db, schema, "referrals") == 0, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
            kill(process.processIdentifier, signal)
            let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            let stderr = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
            #expect(process.terminationStatus == 75, "\(stderr.suffix(400))")
            let summary = BinaryRunner.Output(status: 75, stdout: stdout, stderr: stderr)
            #expect(summary.summary["status"] as? String == "cancelled")
            let ledger = try db.execute("SELECT status, inserted FROM \(schema.table("etl_runs"))")
            #expect(ledger.rows.count == 1)
            #expect(ledger.rows.first?[0] == "cancelled")
            // What the ledger says was committed is exactly what the table holds.
            let loaded = try Setup.count(db, schema, "referrals")
            #expect(ledger.rows.first?[1] == String(loaded))
            #expect(loaded < 1_500)
            simulator.setFaults(FaultConfiguration())
            let rerun = try binary.run(["run"])
            #expect(rerun.status == 0, "\(rerun.stderr.suffix(400))")
            #expect(try Setup.count(db, schema, "referrals") == 1_500)
            #expect(rerun.int("inserted") == 1_500 - loaded)
            let reference = TestDatabase.freshSchema("e2e_ref")
            var uninterrupted = binary
            uninterrupted.environment["REFERRALS_ETL_SCHEMA"] = reference.name
            #expect(try uninterrupted.run(["run"]).status == 0)
            #expect(try ExpectedWarehouse.fingerprint(db, schema) == ExpectedWarehouse.fingerprint(db, reference))
        }
    }

    @Test("--full-refresh flags referrals the API no longer returns, deletes nothing, clears the flag on return")
    func fullRefreshFlagsMissing() async throws {
        try await Setup.withSetup(referrals: 300) { _, binary, schema, db in
            #expect(try binary.run(["run"]).status == 0)
            let referrals = schema.table("referrals")
            try Self.insertGhost(db, schema, otherPipeline: true)
            let watermarkBefore = try Self.watermark(db, schema)
            // One referral flagged by an earlier refresh is back: the refresh clears its flag.
            _ = try db.execute(
                "UPDATE \(referrals) SET missing_since = now() WHERE id = "
                    + "(SELECT min(id) FROM \(referrals) WHERE id NOT IN ('ghost-referral-1', 'other-pipeline-1'))")
            let versions =
                "SELECT id, xmin::text FROM \(referrals) WHERE missing_since IS NULL AND id <> 'ghost-referral-1'"
            let before = try db.execute(versions).rows

            let refresh = try binary.run(["run", "--full-refresh"])
            #expect(refresh.status == 0, "\(refresh.stderr.suffix(400))")
            #expect(refresh.summary["mode"] as? String == "full-refresh")
            #expect(refresh.int("referrals") == 300)
            #expect(refresh.int("unchanged") == 300)
            let flagged = try db.execute("SELECT id FROM \(referrals) WHERE missing_since IS NOT NULL")
            #expect(flagged.rows == [["ghost-referral-1"]])
            #expect(try Setup.count(db, schema, "referrals") == 302)
            // Unchanged referrals were recognised before COPY: not one of their rows was rewritten.
            let after = try db.execute(versions).rows
            #expect(after.count == 301)
            #expect(Set(before).isSubset(of: Set(after)), "a full refresh over unchanged data rewrote rows")
            #expect(try Setup.count(db, schema, "referrals_seen") == 0)
            #expect(try Self.watermark(db, schema) == watermarkBefore)
            let state = try db.execute(
                "SELECT last_full_refresh_at IS NOT NULL FROM \(schema.table("etl_state")) WHERE pipeline = 'default'")
            #expect(state.scalar == "t")

            // A second refresh does not flag it again (the first flag's time is kept).
            let first = try db.execute("SELECT missing_since FROM \(referrals) WHERE id = 'ghost-referral-1'").scalar
            #expect(try binary.run(["run", "--full-refresh"]).status == 0)
            #expect(
                try db.execute("SELECT missing_since FROM \(referrals) WHERE id = 'ghost-referral-1'").scalar == first)
        }
    }

    @Test("--since/--until backfill loads exactly the window and never touches the watermark")
    func backfill() async throws {
        try await Setup.withSetup(referrals: 800) { simulator, binary, schema, db in
            let created = try Self.dataset(simulator).values.compactMap { $0["createdDateTime"] as? String }
                .compactMap(Timestamp.init(parsing:)).sorted()
            let since = created[200]
            let until = created[500]
            let inWindow = created.filter { $0 >= since && $0 < until }.count
            let run = try binary.run(["run", "--since", since.odataLiteral, "--until", until.odataLiteral])
            #expect(run.status == 0, "\(run.stderr.suffix(400))")
            #expect(run.summary["mode"] as? String == "backfill")
            #expect(run.int("inserted") == inWindow)
            #expect(try Setup.count(db, schema, "referrals") == inWindow)
            #expect(try Self.watermark(db, schema) == nil)
            // The next plain run is still the first full load.
            let full = try binary.run(["run"])
            #expect(full.summary["mode"] as? String == "full")
            #expect(full.int("inserted") == 800 - inWindow)
            let watermark = try Self.watermark(db, schema)
            #expect(watermark != nil)
            #expect(try binary.run(["run", "--since", since.odataLiteral]).status == 0)
            #expect(try Self.watermark(db, schema) == watermark)
        }
    }

    @Test("--page-size asks the API for smaller pages with pagesize, never $top; everything still loads")
    func pageSize() async throws {
        try await Setup.withSetup(referrals: 200) { simulator, binary, schema, db in
            let run = try binary.run(["run", "--page-size", "40"])
            #expect(run.status == 0, "\(run.stderr.suffix(400))")
            #expect(run.int("pages") == 5)
            #expect(run.int("inserted") == 200)
            let first = try #require(simulator.requests().first { $0.path.hasSuffix("/referrals") })
            #expect(first.query.contains("pagesize=40"))
            #expect(!first.query.contains("$top"))
            #expect(try binary.run(["run", "--page-size", "101"]).status == 78)
        }
    }

    @Test("filter strategy: $filter on updatedDateTime, exactly the changes loaded, watermark is the true maximum")
    func filterStrategy() async throws {
        try await Setup.withSetup(referrals: 1_000) { simulator, binary, schema, db in
            #expect(try binary.run(["run"]).status == 0)
            let mutation = simulator.mutate(count: 25, new: 4)
            simulator.clearRequests()
            let run = try binary.run(["run", "--strategy", "filter"])
            #expect(run.status == 0, "\(run.stderr.suffix(400))")
            #expect(run.summary["mode"] as? String == "incremental")
            #expect(run.int("updated") == mutation.changed.count)
            #expect(run.int("inserted") == mutation.created.count)
            let queries = simulator.requests().map(\.query).joined(separator: " ")
            #expect(queries.contains("updatedDateTime%20ge%20") || queries.contains("updatedDateTime ge "))
            // The stored watermark is the newest updatedDateTime in the data, not it minus the lookback.
            let newest = try Self.dataset(simulator).values.compactMap { $0["updatedDateTime"] as? String }
                .compactMap(Timestamp.init(parsing:)).max()
            let stored = try db.execute(
                "SELECT to_char(watermark AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') "
                    + "FROM \(schema.table("etl_state"))"
            ).scalar
            #expect(stored.flatMap(Timestamp.init(parsing:))?.postgresText == newest?.postgresText)
            #expect(try db.execute("SELECT strategy FROM \(schema.table("etl_state"))").scalar == "filter")
        }
    }
}
