import Foundation
import PartnerCenterSimulator
import PostgresLoad
import TestSupport
import Testing

/// `--slices N`: a first load read over N concurrent createdDateTime windows loads exactly what one chain loads,
/// under throttling, and a killed sliced load converges on rerun (docs/pipeline.md#slices).
@Suite("slices end to end", .serialized)
struct SlicesEndToEndTests {
    typealias Setup = RunEndToEndTests

    /// Skewed data: 80 % of the referrals created in three days, slow pages.
    static func faults(throttleRate: Double = 0) -> FaultConfiguration {
        var faults = FaultConfiguration()
        faults.pageDelayMilliseconds = 50
        faults.throttleRate = throttleRate
        return faults
    }

    /// Loads the same data with one chain into another schema, alongside `body`; returns its summary line.
    static func reference(_ binary: BinaryRunner) throws -> (SchemaName, () -> BinaryRunner.Output) {
        let schema = TestDatabase.freshSchema("e2e_ref")
        var uninterrupted = binary
        uninterrupted.environment["REFERRALS_ETL_SCHEMA"] = schema.name
        let (process, out, _) = try uninterrupted.start(["run"])
        return (
            schema,
            {
                let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                process.waitUntilExit()
                return BinaryRunner.Output(status: process.terminationStatus, stdout: stdout, stderr: "")
            }
        )
    }

    @Test("8 slices over skewed data with 10 % of requests throttled load the same rows as one chain")
    func slicedEqualsOneChain() async throws {
        try await Setup.withSetup(referrals: 2_000, faults: Self.faults(throttleRate: 0.1), burstShare: 0.8) {
            simulator, binary, schema, db in
            #expect(try binary.run(["migrate"]).status == 0)
            let (reference, finish) = try Self.reference(binary)
            let sliced = try binary.run(["run", "--slices", "8", "--batch-size", "300"])
            #expect(sliced.status == 0, "\(sliced.stderr.suffix(600))")
            #expect(sliced.int("inserted") == 2_000)
            #expect(sliced.int("referrals") == 2_000)
            let whole = finish()
            #expect(whole.status == 0)
            #expect(try ExpectedWarehouse.fingerprint(db, schema) == ExpectedWarehouse.fingerprint(db, reference))
            #expect(sliced.summary["watermark"] as? String == whole.summary["watermark"] as? String)
            let requests = simulator.requests().filter { $0.path.hasSuffix("/referrals") }
            #expect(requests.contains { $0.status == 429 })
            // Eight windows at least, and cuts on the skewed data: more distinct window filters than slices.
            let windows = Set(requests.map(\.query).filter { $0.contains("createdDateTime%20lt") })
            #expect(windows.count > 8, "\(windows.count) window filters")
        }
    }

    @Test("a sliced first load killed midway resumes below every window's position and converges")
    func killedSlicedLoadConverges() async throws {
        try await Setup.withSetup(referrals: 2_000, faults: Self.faults(), burstShare: 0.8) {
            simulator, binary, schema, db in
            #expect(try binary.run(["migrate"]).status == 0)
            let (reference, finish) = try Self.reference(binary)
            let (process, _, _) = try binary.start(["run", "--slices", "4", "--batch-size", "200"])
            try await ResumeEndToEndTests.signal(SIGKILL, process) {
                try Setup.count(db, schema, "referrals") >= 1_000
            }
            process.waitUntilExit()
            let partial = try Setup.count(db, schema, "referrals")
            #expect(partial >= 1_000 && partial < 2_000, "killed at \(partial)")
            #expect(try ResumeEndToEndTests.checkpoint(db, schema) == "full")
            let whole = finish()
            #expect(whole.status == 0)
            // Every referral created before the checkpoint is stored: it covers only what every slice committed.
            let (stored, state) = (schema.table("referrals"), schema.table("etl_state"))
            let gaps = try db.execute(
                "SELECT count(*) FROM \(reference.table("referrals")) r WHERE r.created_at < "
                    + "(SELECT resume_created_at FROM \(state) WHERE pipeline = 'default') "
                    + "AND NOT EXISTS (SELECT 1 FROM \(stored) x WHERE x.id = r.id)")
            #expect(gaps.scalar == "0")

            let rerun = try binary.run(["run", "--slices", "4"])
            #expect(rerun.status == 0, "\(rerun.stderr.suffix(400))")
            #expect(rerun.summary["mode"] as? String == "full")
            #expect(rerun.int("inserted") == 2_000 - partial)
            #expect(try ResumeEndToEndTests.checkpoint(db, schema) == nil)
            #expect(try ExpectedWarehouse.fingerprint(db, schema) == ExpectedWarehouse.fingerprint(db, reference))
            #expect(rerun.summary["watermark"] as? String == whole.summary["watermark"] as? String)
            _ = simulator
        }
    }
}
