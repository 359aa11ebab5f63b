import Foundation
import PartnerCenterSimulator
import PostgresLoad
import TestSupport
import Testing

/// Every database wait ends on its own, through the built binary: a held lock, a silent server (its backend
/// stopped with SIGSTOP), and SIGTERM while a lock is held. Each exits 75 in bounded time and says why.
@Suite("database waits end to end", .serialized)
struct DatabaseWaitsEndToEndTests {
    typealias Setup = RunEndToEndTests

    /// The binary's environment with a distinctive application name, so its backend can be found.
    static func tagged(_ binary: BinaryRunner) -> (BinaryRunner, String) {
        let tag = "waits-\(UInt32.random(in: 0...UInt32.max))"
        var tagged = binary
        let url = binary.environment["DATABASE_URL"] ?? ""
        tagged.environment["DATABASE_URL"] = url + (url.contains("?") ? "&" : "?") + "application_name=\(tag)"
        return (tagged, tag)
    }

    /// Waits until `condition` holds (or 30 s pass).
    static func wait(until condition: () throws -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(30)
        while try !condition(), ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
    }

    /// Runs the started process to its end: status, stderr, seconds from `since`.
    static func finish(_ started: (Process, Pipe, URL), since: ContinuousClock.Instant) -> (Int32, String, Double) {
        let (process, out, errURL) = started
        _ = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let elapsed = since.duration(to: .now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let stderr = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
        return (process.terminationStatus, stderr, seconds)
    }

    /// Starts a run of batches of 100 and, once one is committed, stops its backend (SIGSTOP): from then on
    /// the database is silent to it. Returns the process and the backend's pid (SIGCONT it afterwards).
    static func silenced(
        _ binary: BinaryRunner, _ flags: [String], _ schema: SchemaName, _ db: LibPQConnection
    ) async throws -> ((Process, Pipe, URL), Int32) {
        let (tagged, tag) = Self.tagged(binary)
        let started = try tagged.start(["run", "--batch-size", "100"] + flags)
        try await Self.wait { try Setup.count(db, schema, "referrals") > 0 }
        let pid = try #require(
            try db.execute("SELECT pid FROM pg_stat_activity WHERE application_name = $1", [tag]).scalar
                .flatMap { Int32($0) })
        kill(pid, SIGSTOP)
        return (started, pid)
    }

    @Test("a lock held by another session: lock_timeout ends the run, 75, naming the holder")
    func heldLock() async throws {
        try await Setup.withSetup(referrals: 200) { _, binary, schema, db in
            #expect(try binary.run(["migrate"]).status == 0)
            let holder = try TestDatabase.connect()
            let pid = try #require(try holder.execute("SELECT pg_backend_pid()").scalar)
            try holder.execute("BEGIN")
            try holder.execute("LOCK TABLE \(schema.table("referrals")) IN ACCESS EXCLUSIVE MODE")
            let started = ContinuousClock.now
            let run = try binary.run(["run", "--lock-timeout", "1"])
            let elapsed = started.duration(to: .now)
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            try holder.execute("ROLLBACK")
            #expect(run.status == 75, "\(run.stderr.suffix(600))")
            #expect(run.stderr.contains("lock_timeout"))
            #expect(run.stderr.contains("pid \(pid)"), "\(run.stderr.suffix(600))")
            print("[measure] held lock (lock_timeout 1 s): exit \(run.status) after \(seconds) s")
            #expect(seconds < 20)
            let ledger = try db.execute("SELECT status, error FROM \(schema.table("etl_runs"))")
            #expect(ledger.rows.first?[0] == "failed")
            #expect(ledger.rows.first?[1]?.contains("pid \(pid)") == true)
        }
    }

    @Test("SIGTERM while the run waits for a lock: the statement is cancelled, 75 within the grace")
    func sigtermDuringLockWait() async throws {
        try await Setup.withSetup(referrals: 200) { _, binary, schema, db in
            #expect(try binary.run(["migrate"]).status == 0)
            let (tagged, tag) = Self.tagged(binary)
            let holder = try TestDatabase.connect()
            try holder.execute("BEGIN")
            try holder.execute("LOCK TABLE \(schema.table("referrals")) IN ACCESS EXCLUSIVE MODE")
            let started = try tagged.start(["run"])
            try await Self.wait {
                try db.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'",
                    [tag]
                ).scalar == "1"
            }
            let signalled = ContinuousClock.now
            kill(started.0.processIdentifier, SIGTERM)
            let (status, stderr, seconds) = Self.finish(started, since: signalled)
            try holder.execute("ROLLBACK")
            #expect(status == 75, "\(stderr.suffix(600))")
            print("[measure] SIGTERM during a lock wait: exit \(status) after \(seconds) s")
            #expect(seconds < 10, "exit took \(seconds) s after SIGTERM")
            #expect(try db.execute("SELECT status FROM \(schema.table("etl_runs"))").scalar == "cancelled")
        }
    }

    @Test("a silent database (backend stopped): the client deadline ends the run, 75, naming the wait")
    func silentDatabase() async throws {
        var faults = FaultConfiguration()
        faults.pageDelayMilliseconds = 150
        try await Setup.withSetup(referrals: 1_000, faults: faults) { _, binary, schema, db in
            #expect(try binary.run(["migrate"]).status == 0)
            let (started, pid) = try await Self.silenced(binary, ["--statement-timeout", "1"], schema, db)
            defer { kill(pid, SIGCONT) }
            let stopped = ContinuousClock.now
            let (status, stderr, seconds) = Self.finish(started, since: stopped)
            #expect(status == 75, "\(stderr.suffix(600))")
            #expect(stderr.contains("did not answer within 2 s"), "\(stderr.suffix(600))")
            print("[measure] silent database (statement_timeout 1 s): exit \(status) after \(seconds) s")
            #expect(seconds < 15, "exit took \(seconds) s after the database went silent")
        }
    }

    @Test("SIGTERM while the database is silent: the cancel gets no answer, the grace ends the run, 75 within 10 s")
    func sigtermSilentDatabase() async throws {
        var faults = FaultConfiguration()
        faults.pageDelayMilliseconds = 150
        try await Setup.withSetup(referrals: 1_000, faults: faults) { _, binary, schema, db in
            #expect(try binary.run(["migrate"]).status == 0)
            let (started, pid) = try await Self.silenced(binary, [], schema, db)
            defer { kill(pid, SIGCONT) }
            // Let the run reach its next statement, which now gets no answer (statement_timeout is 600 s).
            try await Task.sleep(for: .milliseconds(500))
            let signalled = ContinuousClock.now
            kill(started.0.processIdentifier, SIGTERM)
            let (status, stderr, seconds) = Self.finish(started, since: signalled)
            print("[measure] SIGTERM with a silent database: exit \(status) after \(seconds) s")
            #expect(status == 75, "\(stderr.suffix(600))")
            #expect(seconds < 10, "exit took \(seconds) s after SIGTERM")
        }
    }
}
