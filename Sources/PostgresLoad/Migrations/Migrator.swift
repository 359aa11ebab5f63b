import ETLCore
import Logging

/// Creates and upgrades the warehouse schema from the SQL embedded in the binary.
///
/// Each pending migration runs in its own transaction with `search_path` set to the target schema and
/// is recorded in `schema_migrations` with a checksum (SHA-256, computed by the server). A migration
/// whose file changed after it was applied is refused, naming the file: fix forward with a new file.
/// Views (`sql/views`) are repeatable: re-applied whenever their text changes. Concurrent migrators
/// wait for each other on an advisory lock.
public struct Migrator: Sendable {
    public let schema: SchemaName
    let migrations: [SQLFile]
    let views: [SQLFile]

    /// What `migrate` did.
    public struct Outcome: Sendable, Equatable {
        /// Migrations applied by this call, by file name.
        public var applied: [String]
        /// Views (re)created by this call, by file name.
        public var viewsApplied: [String]
        /// Migrations that were already there.
        public var upToDate: Int
    }

    public init(schema: SchemaName) {
        self.init(schema: schema, migrations: EmbeddedSQL.migrations, views: EmbeddedSQL.views)
    }

    /// For tests: a migrator over other SQL files.
    public init(schema: SchemaName, migrations: [SQLFile], views: [SQLFile]) {
        self.schema = schema
        self.migrations = migrations.sorted { ($0.version ?? 0) < ($1.version ?? 0) }
        self.views = views
    }

    /// Applies what is pending. Running it twice changes nothing the second time.
    @discardableResult
    public func migrate(_ db: LibPQConnection, logger: Logger) throws -> Outcome {
        try db.execute("SELECT pg_advisory_lock(hashtextextended($1, 0))", ["referrals-etl:migrate:\(schema.name)"])
        defer {
            _ = try? db.execute(
                "SELECT pg_advisory_unlock(hashtextextended($1, 0))", ["referrals-etl:migrate:\(schema.name)"])
        }
        try db.executeScript(
            """
            CREATE SCHEMA IF NOT EXISTS \(schema.quoted);
            CREATE TABLE IF NOT EXISTS \(schema.table("schema_migrations")) (
                name       text PRIMARY KEY,
                version    integer UNIQUE,
                kind       text NOT NULL CHECK (kind IN ('migration', 'view')),
                checksum   text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            );
            COMMENT ON TABLE \(schema.table("schema_migrations")) IS 'Which SQL files of referrals-etl were applied to this schema, and their checksums.';
            COMMENT ON COLUMN \(schema.table("schema_migrations")).name IS 'File name under sql/migrations or sql/views.';
            COMMENT ON COLUMN \(schema.table("schema_migrations")).version IS 'Migration number (null for views).';
            COMMENT ON COLUMN \(schema.table("schema_migrations")).kind IS 'migration (applied once) or view (re-applied when changed).';
            COMMENT ON COLUMN \(schema.table("schema_migrations")).checksum IS 'SHA-256 of the file text as applied.';
            COMMENT ON COLUMN \(schema.table("schema_migrations")).applied_at IS 'When it was applied.';
            """)
        let recorded = try db.execute("SELECT name, checksum, kind FROM \(schema.table("schema_migrations"))")
        var applied: [String: String] = [:]
        for row in recorded.rows {
            if let name = row[0], let checksum = row[1] { applied[name] = checksum }
        }
        let known = Set(migrations.map(\.name))
        if let unknown = recorded.rows.first(where: { $0[2] == "migration" && !known.contains($0[0] ?? "") }) {
            throw LoadError(
                .migrationUnknown,
                "schema \(schema) has migration \(unknown[0] ?? "?") that this referrals-etl does not know; "
                    + "a newer version applied it: upgrade referrals-etl")
        }
        var outcome = Outcome(applied: [], viewsApplied: [], upToDate: 0)
        for file in migrations {
            let checksum = try Self.checksum(file.text, db)
            if let existing = applied[file.name] {
                guard existing == checksum else {
                    throw LoadError(
                        .migrationChanged,
                        "migration \(file.path) was changed after it was applied to schema \(schema) "
                            + "(checksum \(existing.prefix(12))… recorded, \(checksum.prefix(12))… now); "
                            + "restore the file and put the change in a new migration")
                }
                outcome.upToDate += 1
                continue
            }
            try apply(file, kind: "migration", checksum: checksum, db)
            logger.info("Applied migration", metadata: [LogKey.migration: "\(file.name)"])
            outcome.applied.append(file.name)
        }
        for file in views {
            let checksum = try Self.checksum(file.text, db)
            if applied[file.name] == checksum { continue }
            try apply(file, kind: "view", checksum: checksum, db)
            logger.info("Applied view", metadata: [LogKey.migration: "\(file.name)"])
            outcome.viewsApplied.append(file.name)
        }
        return outcome
    }

    /// Migrates only when something is pending, checked read-only first: a runner role with DML rights only
    /// never executes DDL once an owner ran `migrate` (see README, "Database roles").
    /// - Returns: nil when the schema was already current.
    @discardableResult
    public func migrateIfNeeded(_ db: LibPQConnection, logger: Logger) throws -> Outcome? {
        guard try !isCurrent(db) else { return nil }
        return try migrate(db, logger: logger)
    }

    /// Whether every migration and view of this binary is applied with the same checksum (read-only).
    public func isCurrent(_ db: LibPQConnection) throws -> Bool {
        let exists = try db.execute("SELECT to_regclass($1) IS NOT NULL", [schema.table("schema_migrations")])
        guard exists.scalar == "t" else { return false }
        let recorded = try db.execute("SELECT name, checksum, kind FROM \(schema.table("schema_migrations"))")
        var applied: [String: String] = [:]
        for row in recorded.rows {
            if let name = row[0], let checksum = row[1] { applied[name] = checksum }
        }
        // A migration this binary does not know: `migrate` says so (a newer version applied it).
        let known = Set(migrations.map(\.name))
        if recorded.rows.contains(where: { $0[2] == "migration" && !known.contains($0[0] ?? "") }) { return false }
        for file in migrations + views {
            guard let checksum = applied[file.name], checksum == (try Self.checksum(file.text, db)) else {
                return false
            }
        }
        return true
    }

    /// The migrations not yet applied (for `status` and for the run's check that the schema exists).
    public func pending(_ db: LibPQConnection) throws -> [String] {
        let exists = try db.execute("SELECT to_regclass($1) IS NOT NULL", [schema.table("schema_migrations")])
        guard exists.scalar == "t" else { return migrations.map(\.name) }
        let recorded = Set(
            try db.execute("SELECT name FROM \(schema.table("schema_migrations"))").rows.compactMap { $0[0] })
        return migrations.map(\.name).filter { !recorded.contains($0) }
    }

    private func apply(_ file: SQLFile, kind: String, checksum: String, _ db: LibPQConnection) throws {
        try db.transaction {
            try db.execute("SELECT set_config('search_path', $1, true)", ["\(schema.quoted), public"])
            do {
                try db.executeScript(file.text)
            } catch let error as LoadError {
                throw LoadError(
                    error.code, "\(file.path) failed: \(error.message)", sqlState: error.sqlState, detail: error.detail,
                    hint: error.hint)
            }
            try db.execute(
                """
                INSERT INTO \(schema.table("schema_migrations")) (name, version, kind, checksum)
                VALUES ($1, $2, $3, $4)
                ON CONFLICT (name) DO UPDATE SET checksum = EXCLUDED.checksum, applied_at = now()
                """, [file.name, kind == "migration" ? file.version.map(String.init) : nil, kind, checksum])
        }
    }

    private static func checksum(_ text: String, _ db: LibPQConnection) throws -> String {
        try db.execute("SELECT encode(sha256(convert_to($1, 'UTF8')), 'hex')", [text]).scalar ?? ""
    }
}
