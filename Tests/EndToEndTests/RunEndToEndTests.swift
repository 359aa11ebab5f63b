import Foundation
import PartnerCenterSimulator
import PostgresLoad
import TestSupport
import Testing

/// The built binary against the simulator over HTTP and a real PostgreSQL.
@Suite("run end to end", .serialized)
struct RunEndToEndTests {
    static let token = "e2e-secret-token-7f3a"

    static func withSetup(
        referrals: Int = 2_000, faults: FaultConfiguration = FaultConfiguration(), burstShare: Double = 0,
        _ body: (PartnerCenterSimulator, BinaryRunner, SchemaName, LibPQConnection) async throws -> Void
    ) async throws {
        var configuration = SimulatorConfiguration(referralCount: referrals, seed: 7, accessTokens: [Self.token])
        configuration.faults = faults
        configuration.burstShare = burstShare
        let simulator = PartnerCenterSimulator(configuration: configuration)
        _ = try await simulator.start()
        let schema = TestDatabase.freshSchema("e2e")
        let binary = try BinaryRunner.against(apiBaseURL: simulator.baseURL, token: Self.token, schema: schema)
        do {
            try await body(simulator, binary, schema, try TestDatabase.connect())
        } catch {
            try? await simulator.stop()
            throw error
        }
        try await simulator.stop()
    }

    static func count(_ db: LibPQConnection, _ schema: SchemaName, _ table: String) throws -> Int {
        Int(try db.execute("SELECT count(*) FROM \(schema.table(table))").scalar ?? "") ?? -1
    }

    @Test("full load, mutation, incremental, no-change rerun: the warehouse equals the simulator's data")
    func fullThenIncremental() async throws {
        try await Self.withSetup { simulator, binary, schema, db in
            let first = try binary.run(["run"])
            #expect(first.status == 0, "\(first.stderr.suffix(500))")
            #expect(first.int("referrals") == 2_000)
            #expect(first.int("inserted") == 2_000)
            #expect(first.summary["status"] as? String == "succeeded")
            #expect(!first.stderr.contains(Self.token))

            let before = try ExpectedWarehouse.referrals(of: simulator)
            #expect(try Self.count(db, schema, "referrals") == before.count)
            let expected = ExpectedWarehouse(referrals: before)
            let stored = try ExpectedWarehouse.read(db, schema)
            #expect(stored.teamMembers == expected.teamMembers)
            #expect(stored.bridges == expected.bridges)
            #expect(stored.requirements == expected.requirements)
            #expect(stored.customers == expected.customers)
            #expect(try Self.count(db, schema, "customers") == expected.customers.count)
            for referral in before.prefix(50) { try FieldCheck.compare(referral, db, schema) }

            let mutation = simulator.mutate(count: 40, new: 7)
            let second = try binary.run(["run"])
            #expect(second.status == 0)
            #expect(second.int("updated") == mutation.changed.count)
            #expect(second.int("inserted") == mutation.created.count)
            #expect(second.summary["mode"] as? String == "incremental")
            let after = try ExpectedWarehouse.referrals(of: simulator)
            // Children follow their parent: removed members and requirements are gone, added ones there.
            let storedAfter = try ExpectedWarehouse.read(db, schema)
            let expectedAfter = ExpectedWarehouse(referrals: after)
            #expect(storedAfter.teamMembers == expectedAfter.teamMembers)
            #expect(storedAfter.bridges == expectedAfter.bridges)
            #expect(storedAfter != stored, "the mutation changed no child row")
            // The rest untouched: still written by the first run.
            let untouched = try db.execute(
                "SELECT count(*) FROM \(schema.table("referrals")) WHERE run_id = $1",
                [first.summary["run_id"] as? String])
            #expect(untouched.scalar == String(2_000 - mutation.changed.count))
            let changedIDs = Set(mutation.changed)
            for referral in after where changedIDs.contains(referral["id"] as? String ?? "") {
                try FieldCheck.compare(referral, db, schema)
            }
            // History: one row per new referral and per changed (status, substatus), the last one current.
            let statusOf = { (referrals: [[String: Any]]) in
                Dictionary(
                    referrals.map {
                        (
                            $0["id"] as? String ?? "",
                            "\($0["status"] as? String ?? "")|\($0["substatus"] as? String ?? "")"
                        )
                    },
                    uniquingKeysWith: { a, _ in a })
            }
            let (old, new) = (statusOf(before), statusOf(after))
            let moved = mutation.changed.filter { old[$0] != new[$0] }.count
            #expect(moved > 0)
            #expect(try Self.count(db, schema, "referral_status_history") == 2_000 + moved + mutation.created.count)
            let latest = try db.execute(
                "SELECT DISTINCT ON (referral_id) referral_id, coalesce(status, '') || '|' || coalesce(substatus, '') "
                    + "FROM \(schema.table("referral_status_history")) ORDER BY referral_id, id DESC")
            #expect(
                Dictionary(latest.rows.map { ($0[0] ?? "", $0[1] ?? "") }, uniquingKeysWith: { a, _ in a })
                    == new)

            simulator.clearRequests()
            let third = try binary.run(["run"])
            #expect(third.status == 0)
            #expect(third.int("inserted") == 0)
            #expect(third.int("updated") == 0)
            #expect(third.int("pages") <= 3)
            #expect(simulator.requests().count <= 3)
            #expect(try Self.count(db, schema, "etl_runs") == 3)
        }
    }

    @Test("status prints each pipeline's watermark and last runs; an unmigrated schema is 78 saying what to do")
    func status() async throws {
        try await Self.withSetup(referrals: 50) { _, binary, _, _ in
            let before = try binary.run(["status"])
            #expect(before.status == 78)
            #expect(before.stderr.contains("referrals-etl migrate"))
            let run = try binary.run(["run", "--pipeline-name", "incoming"])
            #expect(run.status == 0)
            let status = try binary.run(["status"])
            #expect(status.status == 0, "\(status.stderr)")
            let watermark = try #require(run.summary["watermark"] as? String)
            let pipelineLine = status.stdout.split(separator: "\n").first {
                $0.contains("incoming") && $0.contains(watermark)
            }
            #expect(pipelineLine?.contains("succeeded") == true, "\(status.stdout)")
            #expect(status.stdout.contains("Last runs"))
            #expect(
                status.stdout.split(separator: "\n").contains {
                    $0.contains("incoming") && $0.contains(" full ") && $0.contains("50")
                })
        }
    }

    @Test("a second run while one holds the lock exits 75 naming the holder")
    func concurrentRun() async throws {
        try await Self.withSetup(referrals: 50) { _, binary, schema, db in
            #expect(try binary.run(["migrate"]).status == 0)
            let lock = AdvisoryLock(name: "referrals-etl:\(schema.name):default")
            #expect(try lock.tryAcquire(db) == nil)
            let blocked = try binary.run(["run"])
            #expect(blocked.status == 75)
            #expect(blocked.stderr.contains("already running"))
            try lock.release(db)
            #expect(try binary.run(["run"]).status == 0)
        }
    }

    @Test("bad input: flags 64, database down 75, wrong database password 77, wrong token 77")
    func badInput() async throws {
        try await Self.withSetup(referrals: 20) { _, binary, _, _ in
            #expect(try binary.run(["run", "--no-such-flag"]).status == 64)
            #expect(try binary.run(["run", "--since", "yesterday"]).status == 64)
            #expect(try binary.run(["run", "--database-url", "postgres://u:p@127.0.0.1:1/x"]).status == 75)
            var url = try #require(URLComponents(string: TestDatabase.url()))
            url.password = "wrong-password-x"
            let denied = try binary.run(["run", "--database-url", try #require(url.string)])
            #expect(denied.status == 77)
            #expect(!denied.stderr.contains("wrong-password-x"))
            #expect(!denied.stdout.contains("wrong-password-x"))
            var bad = binary
            bad.environment["PARTNER_CENTER_ACCESS_TOKEN"] = "not-the-token-secret"
            let rejected = try bad.run(["run"])
            #expect(rejected.status == 77)
            #expect(!rejected.stderr.contains("not-the-token-secret"))
            #expect(try binary.run(["run", "--batch-size", "0"]).status == 78)
        }
    }

    @Test("killed with SIGKILL at several points, the rerun converges to an uninterrupted run's tables")
    func killAndRerun() async throws {
        var faults = FaultConfiguration()
        faults.pageDelayMilliseconds = 100
        try await Self.withSetup(referrals: 1_500, faults: faults) { simulator, binary, schema, db in
            #expect(try binary.run(["migrate"]).status == 0)
            // Three runs killed at points set by what is committed (each resumes the first load where the last
            // stopped): at once, after a few batches, and late; a timer would race the run on a loaded machine.
            for committed in [0, 400, 1_000] {
                let (process, _, _) = try binary.start(["run", "--batch-size", "100"])
                try await ResumeEndToEndTests.signal(SIGKILL, process) {
                    try committed == 0 || Self.count(db, schema, "referrals") >= committed
                }
                process.waitUntilExit()
            }
            let partial = try Self.count(db, schema, "referrals")
            #expect(partial < 1_500)
            simulator.setFaults(FaultConfiguration())
            let rerun = try binary.run(["run", "--batch-size", "100"])
            #expect(rerun.status == 0, "\(rerun.stderr.suffix(400))")
            #expect(rerun.int("inserted") == 1_500 - partial)
            let killed = try db.execute(
                "SELECT count(*) FROM \(schema.table("etl_runs")) WHERE status = 'failed' AND error LIKE '%killed%'")
            #expect((2...3).contains(Int(killed.scalar ?? "") ?? 0))
            let again = try binary.run(["run"])
            #expect(again.int("inserted") == 0)
            #expect(again.int("updated") == 0)

            // The same data loaded by one uninterrupted run, into another schema: equal tables.
            let reference = TestDatabase.freshSchema("e2e_ref")
            var uninterrupted = binary
            uninterrupted.environment["REFERRALS_ETL_SCHEMA"] = reference.name
            #expect(try uninterrupted.run(["run"]).status == 0)
            let converged = try ExpectedWarehouse.fingerprint(db, schema)
            #expect(converged == (try ExpectedWarehouse.fingerprint(db, reference)))
            #expect(converged["referrals"]?.hasPrefix("1500:") == true)
        }
    }
}
