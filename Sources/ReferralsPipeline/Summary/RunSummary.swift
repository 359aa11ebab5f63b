import ETLCore
import Foundation

/// The one JSON line `run` prints on stdout (DESIGN.md, "Contract with users"): keys in a fixed order.
public struct RunSummary: Sendable, Equatable {
    public var runID: String
    /// `succeeded`, `failed` or `cancelled`.
    public var status: String
    public var pages = 0
    public var referrals = 0
    public var inserted = 0
    public var updated = 0
    public var unchanged = 0
    /// Records rejected by this run, and of those the ones no earlier run had quarantined.
    public var rejected = 0
    public var newlyRejected = 0
    /// The pipeline's watermark after the run (ISO 8601 UTC), or nil when it has none.
    public var watermark: String?
    public var durationSeconds = 0.0
    public var pipeline: String
    public var mode: String
    public var correlationID: String?
    /// Why the run did not succeed, one line, secret-free.
    public var error: String?
    /// Seconds spent per stage of the batch loop, in `StageTimes.Stage.allCases` order; nil before the read began.
    public var stageSeconds: [Double]?

    public init(runID: String, status: String, pipeline: String, mode: String) {
        self.runID = runID
        self.status = status
        self.pipeline = pipeline
        self.mode = mode
    }

    /// `{"run_id":…,"status":…,"pages":…,"referrals":…,"inserted":…,"updated":…,"unchanged":…,
    /// "rejected":…,"watermark":…,"duration_s":…,…,"stages":{"fetch_s":…,…}}` on one line.
    public var jsonLine: String {
        var fields: [(String, String)] = [
            ("run_id", JSONString.quote(runID)), ("status", JSONString.quote(status)), ("pages", "\(pages)"),
            ("referrals", "\(referrals)"), ("inserted", "\(inserted)"), ("updated", "\(updated)"),
            ("unchanged", "\(unchanged)"), ("rejected", "\(rejected)"),
            ("watermark", watermark.map(JSONString.quote) ?? "null"),
            ("duration_s", String(format: "%.3f", durationSeconds)), ("pipeline", JSONString.quote(pipeline)),
            ("mode", JSONString.quote(mode)), ("rejected_new", "\(newlyRejected)"),
        ]
        if let correlationID { fields.append(("correlation_id", JSONString.quote(correlationID))) }
        if let error { fields.append(("error", JSONString.quote(error))) }
        if let stageSeconds {
            let stages = zip(StageTimes.Stage.allCases, stageSeconds).map { stage, seconds in
                "\"\(stage.rawValue)_s\":" + String(format: "%.3f", seconds)
            }
            fields.append(("stages", "{" + stages.joined(separator: ",") + "}"))
        }
        return "{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
    }
}
