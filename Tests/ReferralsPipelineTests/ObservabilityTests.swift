import ETLCore
import Foundation
import Logging
import PartnerCenter
import TestSupport
import Testing

@testable import ReferralsPipeline

@Suite("observability: log lines, progress line, metrics text, durations")
struct ObservabilityTests {
    static let date = Date(timeIntervalSince1970: 1_741_190_530.12)

    @Test("a JSON log line parses, carries the metadata keys as given, and never a secret's value")
    func jsonLine() throws {
        let line = LogLineHandler.json(
            level: .info, label: "referrals-etl.run", message: "Run \"started\"\n",
            metadata: ["run.id": "r-1", "correlation.id": "c-1", "token": "\(Secret("s3cr3t-value"))"], date: Self.date)
        #expect(line.hasSuffix("}\n"))
        #expect(line.filter { $0 == "\n" }.count == 1)
        #expect(!line.contains("s3cr3t-value"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["timestamp"] as? String == "2025-03-05T16:02:10.120Z")
        #expect(object["level"] as? String == "info")
        #expect(object["message"] as? String == "Run \"started\"\n")
        #expect(object["run.id"] as? String == "r-1")
        #expect(object["correlation.id"] as? String == "c-1")
        #expect(object["token"] as? String == "<redacted>")
    }

    @Test("the handler merges its own metadata with the event's, and the text style is one line")
    func handler() throws {
        let lines = Lines()
        var logger = Logger(label: "t") { LogLineHandler(label: $0, style: .json, write: lines.append) }
        logger[metadataKey: "run.id"] = "r-2"
        logger.info("Batch committed", metadata: ["batch.rows": "10"])
        logger.debug("not shown at info")
        let first = try #require(lines.all.first)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any])
        #expect(lines.all.count == 1)
        #expect(object["run.id"] as? String == "r-2")
        #expect(object["batch.rows"] as? String == "10")
        let text = LogLineHandler.text(
            level: .warning, label: "t", message: "retrying request", metadata: ["http.status": "503"], date: Self.date)
        #expect(text == "2025-03-05T16:02:10.120Z warning t: retrying request http.status=503\n")
    }

    @Test("the progress line: counts, rate, ETA only with a trusted total, retries, cut to the width")
    func progressLine() {
        var snapshot = RunProgress.Snapshot()
        snapshot.pages = 12
        snapshot.referrals = 1_150
        snapshot.batches = 1
        snapshot.elapsedSeconds = 5
        #expect(
            ProgressLine.render(snapshot)
                == "pages 12 | referrals 1150 | 230/s | batches 1 | retries 0 | 5s elapsed")
        snapshot.expected = 2_500
        snapshot.retries = 2
        snapshot.retryWaitSeconds = 3
        #expect(
            ProgressLine.render(snapshot)
                == "pages 12 | referrals 1150/2500 46% | 230/s | batches 1 | retries 2 (3s waited) | ETA 6s | 5s elapsed"
        )
        #expect(ProgressLine.render(snapshot, width: 20) == "pages 12 | referral")
        snapshot.retryWaitingSeconds = 29.6
        #expect(ProgressLine.render(snapshot).contains("| retries 2 (3s waited) | waiting to retry 30s | ETA"))
        #expect(ProgressLine.duration(185) == "3m05s")
        #expect(ProgressLine.duration(3_720) == "1h02m")
    }

    @Test("@odata.count is trusted while it stays the same and above what arrived, and only for reads to the end")
    func odataCountTrust() async {
        let steady = RunProgress()
        steady.pageRead(items: 100, odataCount: 250)
        steady.pageRead(items: 100, odataCount: 250)
        #expect(await steady.snapshot().expected == 250)
        let changing = RunProgress()
        changing.pageRead(items: 100, odataCount: 250)
        changing.pageRead(items: 100, odataCount: 300)
        changing.pageRead(items: 100, odataCount: 300)
        #expect(await changing.snapshot().expected == nil)
        let overrun = RunProgress()
        overrun.pageRead(items: 100, odataCount: 50)
        #expect(await overrun.snapshot().expected == nil)
        let scan = RunProgress()
        scan.begin(budget: .init(seconds: 1), readsToEnd: false)
        scan.pageRead(items: 100, odataCount: 250)
        #expect(await scan.snapshot().expected == nil)
        #expect(await scan.snapshot().pages == 1)
    }

    @Test("retries come from the run's retry budget: how many, seconds waited, and a wait in progress")
    func retries() async {
        let progress = RunProgress()
        let budget = RetryBudget(seconds: 60)
        progress.begin(budget: budget, readsToEnd: true)
        #expect(await progress.snapshot().retryWaitingSeconds == nil)
        #expect(await budget.reserve(5, at: Timestamp(secondsSinceEpoch: 1_700_000_000)))
        let snapshot = await progress.snapshot()
        #expect(snapshot.retries == 1)
        #expect(snapshot.retryWaitSeconds == 5)
        #expect((4...5).contains(snapshot.retryWaitingSeconds ?? 0))
        progress.batchCommitted(referrals: 100)
        #expect(await progress.snapshot().batches == 1)
    }

    @Test("the metrics text: every line a comment or `name{labels} value`, values those of the summary")
    func metricsText() throws {
        var summary = RunSummary(runID: "r", status: "failed", pipeline: "incoming", mode: "full")
        (summary.pages, summary.referrals, summary.inserted, summary.updated) = (3, 250, 200, 40)
        (summary.unchanged, summary.rejected, summary.newlyRejected, summary.durationSeconds) = (7, 3, 1, 2.5)
        summary.stageSeconds = [1.5, 0.25, 0.5, 1, 0.75, 0.125]
        var progress = RunProgress.Snapshot()
        progress.retries = 4
        let text = RunMetrics(
            summary: summary, progress: progress, lastSuccess: 1_700_000_000, finishedAt: 1_700_000_100
        )
        .text()
        let samples = try MetricsText.parse(text)
        #expect(samples["referrals_etl_run_referrals{outcome=\"inserted\",pipeline=\"incoming\"}"] == 200)
        #expect(samples["referrals_etl_run_referrals{outcome=\"rejected\",pipeline=\"incoming\"}"] == 3)
        #expect(samples["referrals_etl_run_pages{pipeline=\"incoming\"}"] == 3)
        #expect(samples["referrals_etl_run_retries{pipeline=\"incoming\"}"] == 4)
        #expect(samples["referrals_etl_run_success{pipeline=\"incoming\"}"] == 0)
        #expect(samples["referrals_etl_last_success_timestamp_seconds{pipeline=\"incoming\"}"] == 1_700_000_000)
        #expect(samples["referrals_etl_run_duration_seconds{pipeline=\"incoming\"}"] == 2.5)
        #expect(samples["referrals_etl_run_stage_seconds{pipeline=\"incoming\",stage=\"fetch\"}"] == 1.5)
        #expect(samples["referrals_etl_run_stage_seconds{pipeline=\"incoming\",stage=\"commit\"}"] == 0.125)
        #expect(text.contains("# TYPE referrals_etl_run_referrals gauge\n"))
    }

    @Test("the summary's stages: every stage in pipeline order, after the other keys; absent before the read")
    func summaryStages() throws {
        var summary = RunSummary(runID: "r", status: "succeeded", pipeline: "p", mode: "full")
        #expect(!summary.jsonLine.contains("stages"))
        summary.stageSeconds = [1.5, 0.25, 0.5, 1, 0.75, 0.125]
        let line = summary.jsonLine
        #expect(
            line.hasSuffix(
                ",\"stages\":{\"fetch_s\":1.500,\"decode_s\":0.250,\"transform_s\":0.500,\"copy_s\":1.000,"
                    + "\"upsert_s\":0.750,\"commit_s\":0.125}}"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect((object["stages"] as? [String: Double])?.count == 6)
    }

    @Test("stage times add up per stage from several threads, also when the measured work throws")
    func stageTimes() async throws {
        let stages = StageTimes()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<8 { group.addTask { for _ in 0..<100 { stages.add(.copy, .milliseconds(1)) } } }
        }
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try stages.measure(.commit) { () throws(Boom) in
                usleep(20_000); throw Boom()
            }
        }
        let seconds = Dictionary(uniqueKeysWithValues: stages.seconds.map { ($0.stage, $0.seconds) })
        #expect(stages.seconds.map(\.stage) == StageTimes.Stage.allCases)
        #expect(abs((seconds[.copy] ?? 0) - 0.8) < 1e-9)
        #expect((seconds[.commit] ?? 0) >= 0.02)
        #expect(seconds[.fetch] == 0)
    }

    @Test(
        "durations for --max-age",
        arguments: [
            ("90", 90.0), ("90s", 90), ("15m", 900), ("36h", 129_600), ("2d", 172_800), ("1h30m", 5_400),
            ("1.5h", 5_400),
        ])
    func durations(text: String, seconds: Double) {
        #expect(DurationText.seconds(text) == seconds)
    }

    @Test("not durations", arguments: ["", "0", "h", "3x", "-5m", "1 h"])
    func notDurations(text: String) {
        #expect(DurationText.seconds(text) == nil)
    }
}

/// Collects log lines.
final class Lines: @unchecked Sendable {
    // @unchecked: `lines` is guarded by `lock`.
    private let lock = NSLock()
    private var lines: [String] = []
    var all: [String] {
        lock.lock()
        defer { lock.unlock() }
        return lines
    }
    func append(_ line: String) {
        lock.lock()
        defer { lock.unlock() }
        lines.append(line)
    }
}
