import Foundation
import PostgresLoad
import TestSupport
import Testing

/// `sql/citus/distribute.sql` cannot run on Citus here (not packaged for this machine). This runs it on plain
/// PostgreSQL against a migrated warehouse, with stand-ins for the Citus functions that enforce Citus's rules for
/// what they are given: the distribution column exists, and every primary key and unique constraint of a
/// distributed table contains it; co-location names a table distributed before.
@Suite("citus script")
struct CitusScriptTests {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("sql/citus/distribute.sql")

    static let standIns = """
        CREATE TABLE citus_calls (kind text, tbl regclass, col text);
        CREATE FUNCTION create_reference_table(t regclass) RETURNS void LANGUAGE sql
            AS $$ INSERT INTO citus_calls VALUES ('reference', t, NULL) $$;
        CREATE FUNCTION citus_add_local_table_to_metadata(t regclass) RETURNS void LANGUAGE sql
            AS $$ INSERT INTO citus_calls VALUES ('local', t, NULL) $$;
        CREATE FUNCTION create_distributed_table(t regclass, col text, shard_count int DEFAULT 32,
                colocate_with text DEFAULT 'default') RETURNS void LANGUAGE plpgsql AS $$
        BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = t AND attname = col AND NOT attisdropped) THEN
                RAISE EXCEPTION '% has no column %', t, col;
            END IF;
            IF EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conrelid = t AND c.contype IN ('p', 'u')
                    AND NOT (SELECT a.attnum FROM pg_attribute a WHERE a.attrelid = t AND a.attname = col)
                        = ANY (c.conkey)) THEN
                RAISE EXCEPTION 'a unique constraint of % lacks the distribution column %', t, col;
            END IF;
            IF colocate_with <> 'default' AND NOT EXISTS (SELECT 1 FROM citus_calls
                    WHERE kind = 'distributed' AND tbl = colocate_with::regclass) THEN
                RAISE EXCEPTION '% is co-located with %, which is not distributed yet', t, colocate_with;
            END IF;
            INSERT INTO citus_calls VALUES ('distributed', t, col);
        END $$;
        """

    @Test("every table is placed once, by Citus's rules, on a migrated warehouse")
    func placesEveryTable() throws {
        let db = try TestDatabase.connect()
        let schema = try TestDatabase.migratedSchema("citus")
        var sql = try String(contentsOf: Self.script, encoding: .utf8)
        sql = sql.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("\\") }.joined(separator: "\n")
            .replacingOccurrences(of: ":\"schema\"", with: schema.name)
        try db.executeScript("SET search_path TO \(schema.name);\n" + Self.standIns + "\n" + sql)
        let calls = try db.execute("SELECT kind, tbl::text, coalesce(col, '') FROM \(schema.table("citus_calls"))")
            .rows.map { $0.map { $0 ?? "" }.joined(separator: " ") }
        let tables = try db.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE'"
                + " AND table_name <> 'citus_calls'", [schema.name]
        ).rows.compactMap { $0[0] }
        #expect(calls.count == tables.count, "every table placed exactly once: \(calls)")
        #expect(
            Set(calls.map { $0.split(separator: " ")[1].split(separator: ".").last.map(String.init) ?? "" })
                == Set(tables))
        #expect(calls.contains("distributed referrals id"))
        #expect(calls.contains("reference customers "))
    }
}
