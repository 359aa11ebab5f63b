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
        name: Settings.pipelineName.optionName,
        help: "Only the referrals this pipeline's runs wrote (repeatable; default: the --pipeline file's, else all).")
    var pipelineNames: [String] = []

    @Option(name: Settings.batchSize.optionName, help: Settings.batchSize.argumentHelp)
    var batchSize: String?

    func run() async throws {
        let logger = try logging.bootstrap(label: "referrals-etl.renormalize")
        let target: DatabaseTarget
        let size: Int
        var pipelines = pipelineNames
        let environment = ProcessInfo.processInfo.environment
        do {
            target = try DatabaseTarget(database, environment: environment)
            let file = try database.file()?.settings(environment: environment)
            size =
                try Settings.batchSize.resolve(flag: batchSize, environment: environment, file: file?.batchSize)
                ?? PipelineConfiguration.defaultBatchSize
            if pipelines.isEmpty, let name = file?.name { pipelines = [name] }
            for name in pipelineNames {
                _ = try Settings.pipelineName.value(name, from: "--pipeline-name", isFlag: true)
            }
        } catch {
            throw ExitStatus.report(error, command: "renormalize")
        }
        let results = await Renormalizer(databaseURL: target.url, schema: target.schema, batchSize: size)
            .run(pipelines: pipelines, logger: logger)
        for result in results { print(result.summary.jsonLine) }
        if let failed = results.first(where: { $0.error != nil }), let error = failed.error {
            throw ExitStatus.report(error, command: "renormalize", metadata: [LogKey.runID: "\(failed.summary.runID)"])
        }
    }
}
