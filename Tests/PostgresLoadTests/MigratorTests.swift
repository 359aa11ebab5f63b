import Foundation
import Logging
import PostgresLoad
import TestSupport
import Testing

@Suite("migrations")
struct MigratorTests {
    let logger = Logger(label: "test")

    @Test("migrate creates the whole warehouse; twice is a no-op")
    func twice() throws {
        let db = try TestDatabase.connect()
        let schema = TestDatabase.freshSchema("mig")
        let first = try Migrator(schema: schema).migrate(db, logger: logger)
        let migrations = EmbeddedSQLProbe.all.filter { $0.path.hasPrefix("sql/migrations/") }.map(\.name)
        #expect(first.applied == migrations)
        #expect(Array(first.applied.prefix(2)) == ["0001_warehouse.sql", "0002_rejections_once.sql"])
        #expect(first.viewsApplied.count == EmbeddedSQLProbe.all.count - migrations.count)
        #expect(first.viewsApplied.count >= 13)
        let tables = try db.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE'",
            [schema.name]
        ).rows.compactMap { $0[0] }
        #expect(
            Set(tables) == [
                "referrals", "customers", "requirements", "referral_requirements", "referral_team_members",
                "referral_status_history", "etl_state", "etl_runs", "rejected_referrals", "schema_migrations",
                "referrals_seen",
            ])
        let second = try Migrator(schema: schema).migrate(db, logger: logger)
        #expect(second.applied.isEmpty)
        #expect(second.viewsApplied.isEmpty)
        #expect(second.upToDate == migrations.count)
        #expect(try Migrator(schema: schema).pending(db).isEmpty)
    }

    @Test("the columns of the contract exist with their types")
    func contractColumns() throws {
        let db = try TestDatabase.connect()
        let schema = try TestDatabase.migratedSchema("cols")
        let rows = try db.execute(
            "SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = $1",
            [schema.name]
        ).rows
        var types: [String: String] = [:]
        for row in rows { types["\(row[0] ?? "").\(row[1] ?? "")"] = row[2] }
        let required: [String: [String]] = [
            "referrals": [
                "id", "engagement_id", "organization_id", "organization_name", "name", "external_reference_id",
                "created_at", "updated_at", "expires_at", "accepted_at", "closing_at", "status", "substatus",
                "status_reason", "type", "qualification", "direction", "deal_value", "currency", "notes",
                "customer_key", "raw", "run_id", "loaded_at", "first_seen_at", "last_seen_at",
            ],
            "customers": [
                "customer_key", "name", "address_line1", "address_line2", "city", "state", "postal_code", "country",
                "size",
            ],
            "requirements": ["requirement_key", "kind", "code", "name"],
            "referral_requirements": ["referral_id", "requirement_key"],
            "referral_team_members": [
                "referral_id", "side", "position", "first_name", "last_name", "email", "phone_number", "locale",
                "disable_notifications",
            ],
            "referral_status_history": ["referral_id", "status", "substatus", "updated_at", "run_id"],
            "etl_state": ["pipeline", "watermark"],
            "etl_runs": ["run_id", "pipeline", "started_at", "finished_at", "status", "error"],
            "rejected_referrals": ["run_id", "reason", "raw", "received_at"],
        ]
        for (table, columns) in required {
            for column in columns { #expect(types["\(table).\(column)"] != nil, "\(table).\(column) missing") }
        }
        for (key, type) in types where key.hasSuffix("_at") {
            #expect(type == "timestamp with time zone", "\(key) is \(type)")
        }
        #expect(types["referrals.deal_value"] == "numeric")
        #expect(types["referrals.raw"] == "jsonb")
    }

    @Test("every table, view and column has a comment for analysts")
    func comments() throws {
        let db = try TestDatabase.connect()
        let schema = try TestDatabase.migratedSchema("comments")
        let missing = try db.execute(
            """
            SELECT c.relname, a.attname
            FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
            WHERE n.nspname = $1 AND c.relkind = 'r'
              AND (obj_description(c.oid, 'pg_class') IS NULL OR col_description(c.oid, a.attnum) IS NULL)
            """, [schema.name])
        #expect(missing.rows.isEmpty, "no comment: \(missing.rows)")
        let views = try db.execute(
            """
            SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = $1 AND c.relkind = 'v' AND obj_description(c.oid, 'pg_class') IS NULL
            """, [schema.name])
        #expect(views.rows.isEmpty)
    }

    @Test("an applied migration that changed is refused, naming the file")
    func changedMigration() throws {
        let db = try TestDatabase.connect()
        let schema = TestDatabase.freshSchema("changed")
        let original = SQLFile(path: "sql/migrations/0001_a.sql", text: "CREATE TABLE a (x int);")
        try Migrator(schema: schema, migrations: [original], views: []).migrate(db, logger: logger)
        let edited = SQLFile(path: "sql/migrations/0001_a.sql", text: "CREATE TABLE a (x bigint);")
        let error = try #require(throws: LoadError.self) {
            try Migrator(schema: schema, migrations: [edited], views: []).migrate(db, logger: logger)
        }
        #expect(error.code == .migrationChanged)
        #expect(error.disposition == .configuration)
        #expect(error.message.contains("sql/migrations/0001_a.sql"))
    }

    @Test("a failing migration rolls back completely and names the file")
    func failingMigration() throws {
        let db = try TestDatabase.connect()
        let schema = TestDatabase.freshSchema("failing")
        let good = SQLFile(path: "sql/migrations/0001_a.sql", text: "CREATE TABLE a (x int);")
        let bad = SQLFile(path: "sql/migrations/0002_b.sql", text: "CREATE TABLE b (x int); SELECT nonsense_fn();")
        let error = try #require(throws: LoadError.self) {
            try Migrator(schema: schema, migrations: [good, bad], views: []).migrate(db, logger: logger)
        }
        #expect(error.message.contains("0002_b.sql"))
        #expect(try db.execute("SELECT to_regclass($1) IS NULL", ["\(schema.name).b"]).scalar == "t")
        #expect(try Migrator(schema: schema, migrations: [good, bad], views: []).pending(db) == ["0002_b.sql"])
    }

    @Test(
        "schema names are validated",
        arguments: ["", "Upper", "1abc", "a-b", "pg_x", "a\"b", String(repeating: "a", count: 64)])
    func invalidSchema(name: String) {
        #expect(throws: LoadError.self) { try SchemaName(name) }
    }

    @Test("the embedded SQL matches the files in sql/")
    func embeddedInSync() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        for file in EmbeddedSQLProbe.all {
            let onDisk = try String(contentsOf: root.appendingPathComponent(file.path), encoding: .utf8)
            #expect(
                onDisk.hasSuffix("\n") ? String(onDisk.dropLast()) == file.text : onDisk == file.text,
                "\(file.path) changed: run scripts/embed-sql.sh")
        }
        for folder in ["sql/migrations", "sql/views"] {
            let names = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path)
                .filter { $0.hasSuffix(".sql") }
            #expect(
                Set(names.map { "\(folder)/\($0)" }).isSubset(of: Set(EmbeddedSQLProbe.all.map(\.path))),
                "a file in \(folder) is not embedded: run scripts/embed-sql.sh")
        }
    }

    @Test("0002 folds rejections received more than once into their first receipt")
    func rejectionsFolded() throws {
        let db = try TestDatabase.connect()
        let schema = TestDatabase.freshSchema("fold")
        let first = try #require(EmbeddedSQLProbe.all.first { $0.path.hasSuffix("0001_warehouse.sql") })
        _ = try Migrator(schema: schema, migrations: [first], views: []).migrate(db, logger: logger)
        let table = schema.table("rejected_referrals")
        for (raw, at) in [("{\"a\":1}", "2025-01-01"), ("{\"a\":1}", "2025-01-03"), ("{\"b\":2}", "2025-01-02")] {
            try db.execute(
                "INSERT INTO \(table) (run_id, pipeline, reason, raw, received_at) VALUES (gen_random_uuid(), 'p', 'r', $1, $2)",
                [raw, at])
        }
        _ = try Migrator(schema: schema).migrate(db, logger: logger)
        let rows = try db.execute(
            "SELECT raw, times_received, received_at::date, last_received_at::date FROM \(table) ORDER BY raw")
        #expect(
            rows.rows == [
                ["{\"a\":1}", "2", "2025-01-01", "2025-01-03"], ["{\"b\":2}", "1", "2025-01-02", "2025-01-02"],
            ])
    }
}
