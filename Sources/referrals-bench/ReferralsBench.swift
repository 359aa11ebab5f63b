import ArgumentParser

/// `referrals-bench`: measures and prints figures. Never part of the tests.
@main
struct ReferralsBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "referrals-bench",
        abstract: "Measure the simulator, the extract client, the transform and the load; print figures.",
        subcommands: [SimulatorBenchmark.self, PipelineBenchmark.self]
    )
}
