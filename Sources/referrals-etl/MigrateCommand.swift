import ArgumentParser

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Create or upgrade the warehouse schema."
    )

    func run() async throws {
        StandardError.write("referrals-etl migrate: not implemented yet")
        throw ExitCode(70)
    }
}
