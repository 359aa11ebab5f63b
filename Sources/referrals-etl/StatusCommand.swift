import ArgumentParser

struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show each pipeline's watermark and its last runs."
    )

    func run() async throws {
        StandardError.write("referrals-etl status: not implemented yet")
        throw ExitCode(70)
    }
}
