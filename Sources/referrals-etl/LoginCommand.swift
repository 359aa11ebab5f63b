import ArgumentParser

struct LoginCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "login",
        abstract: "Sign in once with the device-code flow and store the refresh token."
    )

    func run() async throws {
        StandardError.write("referrals-etl login: not implemented yet")
        throw ExitCode(70)
    }
}
