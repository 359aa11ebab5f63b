import PostgresLoad
import Testing

@Suite("pipeline health: what status reports to a monitor")
struct PipelineHealthTests {
    static func health(status: String?, lockHolder: Int? = nil, successAge: Double? = 60) -> PipelineHealth {
        PipelineHealth(
            pipeline: "p", watermark: nil, strategy: nil,
            lastRun: status.map {
                .init(
                    runID: "r", status: $0, mode: "full", startedAt: "t", finishedAt: nil, pages: 0, referrals: 0,
                    inserted: 0, updated: 0, unchanged: 0, rejected: 0, error: $0 == "failed" ? "boom" : nil)
            }, lastSuccessAt: successAge.map { _ in "t" }, lastSuccessAgeSeconds: successAge, lockHolderPID: lockHolder)
    }

    @Test("healthy: succeeded, or running with the lock held, within the age")
    func healthy() {
        #expect(Self.health(status: "succeeded").problems(maxAgeSeconds: 3_600).isEmpty)
        #expect(Self.health(status: "running", lockHolder: 42).problems(maxAgeSeconds: nil).isEmpty)
        #expect(Self.health(status: nil, successAge: nil).problems(maxAgeSeconds: nil).isEmpty)
    }

    @Test("unhealthy: failed, cancelled, running without the lock, too old, never succeeded")
    func unhealthy() {
        #expect(Self.health(status: "failed").problems(maxAgeSeconds: nil) == ["last run failed: boom"])
        #expect(
            Self.health(status: "cancelled").problems(maxAgeSeconds: nil).first?.hasPrefix("last run cancelled") == true
        )
        #expect(Self.health(status: "running").problems(maxAgeSeconds: nil).first?.contains("killed?") == true)
        #expect(
            Self.health(status: "succeeded", successAge: 7_200).problems(maxAgeSeconds: 3_600)
                == ["last success 7200 s ago, more than the allowed 3600 s"])
        #expect(Self.health(status: nil, successAge: nil).problems(maxAgeSeconds: 60) == ["no successful run yet"])
    }
}
