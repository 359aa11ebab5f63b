import Foundation
import PartnerCenterSimulator
import PostgresLoad
import TestSupport
import Testing

/// JSON logs, the metrics file and `status --json`, through the built binary.
@Suite("observability end to end", .serialized)
struct ObservabilityEndToEndTests {
    static func number(_ value: Any?) -> Double? { (value as? NSNumber)?.doubleValue }
    static func bool(_ value: Any?) -> Bool? { (value as? NSNumber)?.boolValue }

    static func json(_ line: Substring) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
    }

    @Test("off a terminal every stderr line is JSON with the run id and correlation id, on failure too")
    func jsonLogs() async throws {
        try await RunEndToEndTests.withSetup(referrals: 300) { simulator, binary, _, _ in
            let run = try binary.run(["run", "--batch-size", "100"])
            #expect(run.status == 0, "\(run.stderr.suffix(400))")
            let lines = run.stderr.split(separator: "\n")
            #expect(lines.count >= 4, "\(run.stderr)")
            for line in lines {
                let object = try #require(Self.json(line), "not JSON: \(line)")
                #expect(object["run.id"] as? String == run.summary["run_id"] as? String, "\(line)")
                #expect(object["correlation.id"] as? String == run.summary["correlation_id"] as? String, "\(line)")
                #expect(object["level"] is String && object["message"] is String && object["timestamp"] is String)
            }
            #expect(lines.contains { Self.json($0)?["message"] as? String == "Batch committed" })

            var bad = binary
            bad.environment["PARTNER_CENTER_ACCESS_TOKEN"] = "wrong-token-secret-91"
            let failed = try bad.run(["run"])
            #expect(failed.status == 77)
            #expect(!failed.stderr.contains("wrong-token-secret-91"))
            for line in failed.stderr.split(separator: "\n") {
                let object = try #require(Self.json(line), "not JSON: \(line)")
                #expect(object["run.id"] as? String == failed.summary["run_id"] as? String, "\(line)")
            }
            #expect(failed.stderr.contains("\"level\":\"error\""))

            // The refresh-token flow at trace level: still JSON on every line, and no secret in any of them.
            var refresh = binary
            refresh.environment["PARTNER_CENTER_ACCESS_TOKEN"] = nil
            refresh.environment["PARTNER_CENTER_AUTHORITY_URL"] = simulator.baseURL
            refresh.environment["PARTNER_CENTER_TENANT_ID"] = "tenant-1"
            refresh.environment["PARTNER_CENTER_CLIENT_ID"] = "sim-client-id"
            refresh.environment["PARTNER_CENTER_CLIENT_SECRET"] = "sim-client-secret"
            refresh.environment["PARTNER_CENTER_REFRESH_TOKEN"] = "sim-refresh-token"
            refresh.environment["PARTNER_CENTER_TOKEN_CACHE"] =
                FileManager.default.temporaryDirectory.appendingPathComponent("cache-\(UUID()).json").path
            let traced = try refresh.run(["run", "--log-level", "trace"])
            #expect(traced.status == 0, "\(traced.stderr.suffix(400))")
            #expect(traced.stderr.split(separator: "\n").allSatisfy { Self.json($0) != nil })
            for secret in ["sim-client-secret", "sim-refresh-token", RunEndToEndTests.token] {
                #expect(!traced.stderr.contains(secret))
            }

            let text = try binary.run(["run", "--log-format", "text"])
            #expect(text.status == 0)
            #expect(text.stderr.split(separator: "\n").allSatisfy { Self.json($0) == nil && $0.contains("run.id=") })
            var environment = binary
            environment.environment["REFERRALS_ETL_LOG_FORMAT"] = "xml"
            let refused = try environment.run(["run"])
            #expect(refused.status == 78)
            #expect(refused.stderr.contains("REFERRALS_ETL_LOG_FORMAT \"xml\" is not a log format: use text or json"))
            #expect(try binary.run(["run", "--log-format", "xml"]).status == 78)
        }
    }

    @Test("--metrics-file: Prometheus text equal to the summary; a failed run keeps the last success from the ledger")
    func metricsFile() async throws {
        try await RunEndToEndTests.withSetup(referrals: 250) { _, binary, _, _ in
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("metrics-\(UUID())")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let path = directory.appendingPathComponent("referrals-etl.prom").path
            let run = try binary.run(["run", "--metrics-file", path])
            #expect(run.status == 0, "\(run.stderr.suffix(400))")
            let samples = try MetricsText.parse(try String(contentsOfFile: path, encoding: .utf8))
            func value(_ name: String, _ labels: String = "") -> Double? {
                samples["referrals_etl_\(name){\(labels)pipeline=\"default\"}"]
            }
            for outcome in ["inserted", "updated", "unchanged", "rejected"] {
                #expect(value("run_referrals", "outcome=\"\(outcome)\",") == Double(run.int(outcome)))
            }
            #expect(value("run_referrals", "outcome=\"inserted\",") == 250)
            #expect(value("run_pages") == Double(run.int("pages")))
            #expect(value("run_referrals_received") == Double(run.int("referrals")))
            #expect(value("run_rejected") == Double(run.int("rejected")))
            #expect(value("run_retries") == 0)
            #expect(value("run_success") == 1)
            let duration = try #require((run.summary["duration_s"] as? NSNumber)?.doubleValue)
            #expect(abs((value("run_duration_seconds") ?? -1) - duration) < 0.01)
            // Every stage of a load did some work, and none took longer than the run.
            let stages = try #require(run.summary["stages"] as? [String: Double])
            for stage in ["fetch", "decode", "transform", "copy", "upsert", "commit"] {
                let seconds = try #require(stages["\(stage)_s"])
                #expect(seconds > 0 && seconds <= duration, "\(stage): \(seconds)")
                let sample = samples["referrals_etl_run_stage_seconds{pipeline=\"default\",stage=\"\(stage)\"}"]
                #expect(abs((sample ?? -1) - seconds) < 0.01)
            }
            let success = try #require(value("last_success_timestamp_seconds"))
            #expect(abs(success - Date().timeIntervalSince1970) < 120)
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["referrals-etl.prom"])

            var bad = binary
            bad.environment["PARTNER_CENTER_ACCESS_TOKEN"] = "wrong-token"
            bad.environment["REFERRALS_ETL_METRICS_FILE"] = path
            #expect(try bad.run(["run"]).status == 77)
            let after = try MetricsText.parse(try String(contentsOfFile: path, encoding: .utf8))
            #expect(after["referrals_etl_run_success{pipeline=\"default\"}"] == 0)
            #expect(after["referrals_etl_run_referrals_received{pipeline=\"default\"}"] == 0)
            #expect(after["referrals_etl_last_success_timestamp_seconds{pipeline=\"default\"}"] == success)

            let missing = try binary.run(["run", "--metrics-file", directory.path + "/no/such/dir/x.prom"])
            #expect(missing.status == 78)
            #expect(missing.stderr.contains("does not exist"))
        }
    }

    @Test("status --json and --max-age: watermark, last run, last success, lock holder; exit 1 when unhealthy")
    func statusJSON() async throws {
        try await RunEndToEndTests.withSetup(referrals: 60) { _, binary, schema, db in
            let nightly = try binary.run(["run", "--pipeline-name", "nightly"])
            #expect(nightly.status == 0)
            let healthy = try binary.run(["status", "--json", "--max-age", "1h"])
            #expect(healthy.status == 0, "\(healthy.stderr)")
            let report = try #require(Self.json(healthy.stdout.dropLast()), "\(healthy.stdout)")
            #expect(Self.bool(report["healthy"]) == true)
            #expect(Self.number(report["max_age_s"]) == Double(3_600))
            let pipelines = try #require(report["pipelines"] as? [[String: Any]])
            let entry = try #require(pipelines.first)
            #expect(pipelines.count == 1)
            #expect(entry["pipeline"] as? String == "nightly")
            #expect(Self.bool(entry["running"]) == false)
            #expect(
                (entry["watermark"] as? String)?.prefix(19) == (nightly.summary["watermark"] as? String)?.prefix(19))
            #expect(entry["last_success_at"] is String)
            #expect((entry["problems"] as? [String])?.isEmpty == true)
            let lastRun = try #require(entry["last_run"] as? [String: Any])
            #expect(lastRun["run_id"] as? String == nightly.summary["run_id"] as? String)
            #expect(lastRun["status"] as? String == "succeeded")
            #expect(Self.number(lastRun["inserted"]) == Double(60))
            #expect(entry["unfinished_load"] is NSNull)
            try db.execute(
                """
                UPDATE \(schema.table("etl_state")) SET resume_mode = 'full', resume_referral_id = 'r-42',
                    resume_created_at = '2025-01-02T03:04:05Z', resume_started_at = now() WHERE pipeline = 'nightly'
                """)
            let resuming = try binary.run(["status", "--json"])
            let resumingEntry = try #require(
                (Self.json(resuming.stdout.dropLast())?["pipelines"] as? [[String: Any]])?.first)
            let unfinished = try #require(resumingEntry["unfinished_load"] as? [String: Any], "\(resuming.stdout)")
            #expect(unfinished["mode"] as? String == "full")
            #expect(unfinished["resumes_at"] as? String == "2025-01-02T03:04:05.000000Z")
            #expect(unfinished["after_referral"] as? String == "r-42")
            try db.execute(
                "UPDATE \(schema.table("etl_state")) SET resume_mode = NULL, resume_referral_id = NULL, "
                    + "resume_created_at = NULL, resume_started_at = NULL WHERE pipeline = 'nightly'")

            let lock = AdvisoryLock(name: "referrals-etl:\(schema.name):nightly")
            #expect(try lock.tryAcquire(db) == nil)
            let pid = try #require(Int(try db.execute("SELECT pg_backend_pid()").scalar ?? ""))
            let locked = try binary.run(["status", "--json"])
            let lockedEntry = try #require(
                (Self.json(locked.stdout.dropLast())?["pipelines"] as? [[String: Any]])?.first)
            #expect(Self.bool(lockedEntry["running"]) == true)
            #expect(Self.number(lockedEntry["lock_holder_pid"]) == Double(pid))
            try lock.release(db)

            try await Task.sleep(for: .milliseconds(1_100))
            let stale = try binary.run(["status", "--max-age", "1s"])
            #expect(stale.status == 1)
            #expect(stale.stdout.contains("Unhealthy") && stale.stdout.contains("last success"), "\(stale.stdout)")

            var bad = binary
            bad.environment["PARTNER_CENTER_ACCESS_TOKEN"] = "wrong-token"
            #expect(try bad.run(["run", "--pipeline-name", "broken"]).status == 77)
            let failed = try binary.run(["status", "--json"])
            #expect(failed.status == 1)
            let entries = try #require(Self.json(failed.stdout.dropLast())?["pipelines"] as? [[String: Any]])
            let broken = try #require(entries.first { $0["pipeline"] as? String == "broken" })
            #expect((broken["problems"] as? [String])?.first?.hasPrefix("last run failed") == true)
            #expect(broken["last_success_at"] is NSNull)
            #expect(try binary.run(["status", "--max-age", "soon"]).status == 64)
        }
    }
}
