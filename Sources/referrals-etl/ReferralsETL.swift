import ArgumentParser

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `referrals-etl`: copies Partner Center leads and co-sell opportunities into PostgreSQL.
@main
struct ReferralsETL: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "referrals-etl",
        abstract: "Copy Microsoft Partner Center leads and co-sell opportunities into PostgreSQL.",
        version: ToolVersion.current,
        subcommands: [
            RunCommand.self, MigrateCommand.self, StatusCommand.self, SimulateCommand.self, DemoCommand.self,
            LoginCommand.self, RenormalizeCommand.self, ReportCommand.self,
        ]
    )

    /// Ignores SIGPIPE before anything else runs: a closed stdout or stderr becomes a write error (74 for the
    /// result line) instead of killing the process mid-transaction with no summary.
    static func main() async {
        signal(SIGPIPE, SIG_IGN)
        await main(nil)
    }
}
