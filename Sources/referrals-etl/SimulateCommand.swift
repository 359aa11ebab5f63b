import ArgumentParser

struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Serve a local stand-in for the Partner Center referrals API."
    )

    func run() async throws {
        StandardError.write("referrals-etl simulate: not implemented yet")
        throw ExitCode(70)
    }
}
