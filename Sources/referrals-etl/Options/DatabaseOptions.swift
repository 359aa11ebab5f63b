import ArgumentParser

/// `--database-url` and `--schema`, shared by the commands that touch the warehouse.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .customLong("database-url"),
        help: ArgumentHelp("PostgreSQL URL or conninfo (default: $DATABASE_URL).", valueName: "url"))
    var databaseURL: String?

    @Option(
        help: ArgumentHelp("Warehouse schema (default: $REFERRALS_ETL_SCHEMA or partner_center).", valueName: "name"))
    var schema: String?
}
