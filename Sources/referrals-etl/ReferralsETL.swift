import ArgumentParser

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
}
