import ArgumentParser
import ReferralsPipeline

/// Where the warehouse is: `--pipeline FILE`, `--database-url` and `--schema`, shared by every command that touches
/// it. The pipeline file may name the database and the schema too (flag > environment > file > default).
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .customLong("pipeline"), help: ArgumentHelp("A pipeline YAML file (see pipelines/).", valueName: "file"))
    var pipelineFile: String?

    @Option(name: Settings.databaseURL.optionName, help: Settings.databaseURL.argumentHelp)
    var databaseURL: String?

    @Option(name: Settings.schema.optionName, help: Settings.schema.argumentHelp)
    var schema: String?

    /// The pipeline file, read, or nil when none was given.
    func file() throws -> PipelineFile? { try pipelineFile.map(PipelineFile.read) }
}
