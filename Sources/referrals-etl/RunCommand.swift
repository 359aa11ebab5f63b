import ArgumentParser
import ETLCore
import Foundation
import ReferralsPipeline

/// `referrals-etl run`: one run of the pipeline; logs on stderr, one JSON summary line on stdout.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the pipeline: extract, transform and load referrals.",
        discussion: """
            The first run loads everything; later runs read what changed since the watermark (minus the \
            lookback). Prints one JSON summary line on stdout. Exit codes: 0 ok, 64 usage, 65 too many \
            rejected records, 70 internal, 75 retry later (API/database unreachable, lock held, cancelled), \
            77 credentials rejected, 78 configuration.
            """
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var pipeline: PipelineOptions
    @OptionGroup var logging: LoggingOptions

    func run() async throws {
        let configuration: PipelineConfiguration
        let logger = try logging.bootstrap(label: "referrals-etl.run")
        do {
            configuration = try pipeline.configuration(
                database: database, environment: ProcessInfo.processInfo.environment)
        } catch {
            throw ExitStatus.report(error, command: "run")
        }
        let cancellation = RunCancellation()
        let signals = ShutdownSignals()
        signals.onSignal { _ in cancellation.cancel() }
        let progress = RunProgress()
        let display = ProgressDisplay(progress: progress)
        let result = await PipelineRunner(configuration: configuration, cancellation: cancellation, progress: progress)
            .run(logger: logger)
        await display.stop()
        signals.stop()
        await RunMetrics.write(result, progress: progress, configuration: configuration, logger: logger)
        do {
            try StandardOutput.write(result.summary.jsonLine)
        } catch {
            throw ExitStatus.report(error, command: "run")
        }
        if let error = result.error {
            throw ExitStatus.report(
                error, command: "run",
                metadata: [
                    LogKey.runID: "\(result.summary.runID)",
                    LogKey.correlationID: "\(result.summary.correlationID ?? "")",
                ])
        }
    }
}
