import ArgumentParser
import ETLCore
import Foundation
import ReferralsPipeline

/// `referrals-etl renormalize`: rebuilds the warehouse's typed columns and child rows from the stored `raw`.
struct RenormalizeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "renormalize",
        abstract: "Rebuild referrals' columns, customers, requirements and team rows from the stored raw JSON.",
        discussion: """
            Runs each stored referral's raw JSON through today's transform and load, in batches, one transaction \
            each, without calling the API: an improved transform reaches old data. Takes each pipeline's lock \
            and records a run with mode renormalize; the watermark does not move. Prints one JSON summary line \
            per pipeline. Exit codes as for run.
            """
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var logging: LoggingOptions

    @Option(
        name: .customLong("pipeline-name"),
        help: "Only the referrals this pipeline's runs wrote (repeatable; default: every pipeline).")
    var pipelineNames: [String] = []

    @Option(name: .customLong("batch-size"), help: "Referrals per transaction (default 1000).")
    var batchSize = 1_000

    func validate() throws {
        guard (1...100_000).contains(batchSize) else {
            throw ValidationError("--batch-size \(batchSize) is out of range: use 1 to 100000")
        }
    }

    func run() async throws {
        let logger = try logging.bootstrap(label: "referrals-etl.renormalize")
        let target: DatabaseTarget
        do {
            target = try DatabaseTarget(database)
        } catch {
            throw ExitStatus.report(error, command: "renormalize")
        }
        let results = await Renormalizer(databaseURL: target.url, schema: target.schema, batchSize: batchSize)
            .run(pipelines: pipelineNames, logger: logger)
        for result in results { print(result.summary.jsonLine) }
        if let failed = results.first(where: { $0.error != nil }), let error = failed.error {
            throw ExitStatus.report(error, command: "renormalize", metadata: [LogKey.runID: "\(failed.summary.runID)"])
        }
    }
}
