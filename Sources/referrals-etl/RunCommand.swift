import ArgumentParser

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the pipeline: extract, transform and load referrals."
    )

    func run() async throws {
        StandardError.write("referrals-etl run: not implemented yet")
        throw ExitCode(70)
    }
}
