import ArgumentParser

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the whole job against the simulator and a scratch PostgreSQL."
    )

    func run() async throws {
        StandardError.write("referrals-etl demo: not implemented yet")
        throw ExitCode(70)
    }
}
