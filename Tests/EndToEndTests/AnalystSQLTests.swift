import Foundation
import PostgresLoad
import TestSupport
import Testing

extension AnalystEndToEnd {
    /// The database-side tests (pgTAP, sql/tests) and the guide's example queries, on the loaded warehouse.
    @Suite("analyst SQL end to end", .serialized)
    struct AnalystSQLTests {
        @Test("pgTAP (scripts/pgtap.sh, pg_prove sql/tests): structure, comments, the reader role")
        func pgTAP() async throws {
            let warehouse = try await AnalystWarehouse.shared()
            try #require(
                ToolRunner.available("pg_prove"),
                "pg_prove is missing: run scripts/ensure-deps.sh (postgresql-15-pgtap, libtap-parser-sourcehandler-pgtap-perl)"
            )
            let output = try ToolRunner.run(
                ["bash", "scripts/pgtap.sh", try TestDatabase.url(), warehouse.schema.name], in: ToolRunner.repository,
                timeout: 120)
            #expect(output.status == 0, "\(output.stdout)\n\(output.stderr)")
            #expect(output.stdout.contains("All tests successful"), "\(output.stdout)")
        }

        /// The fenced `sql` blocks of docs/ANALYSTS.md.
        static func guideQueries() throws -> [String] {
            let guide = try String(
                contentsOf: ToolRunner.repository.appendingPathComponent("docs/ANALYSTS.md"), encoding: .utf8)
            var queries: [String] = []
            var current: [String]?
            for line in guide.split(separator: "\n", omittingEmptySubsequences: false) {
                if line.hasPrefix("```sql") {
                    current = []
                } else if line.hasPrefix("```"), let block = current {
                    queries.append(block.joined(separator: "\n"))
                    current = nil
                } else {
                    current?.append(String(line))
                }
            }
            return queries
        }

        @Test("the ten example queries of docs/ANALYSTS.md run as referrals_reader and return rows")
        func guideExamples() async throws {
            let warehouse = try await AnalystWarehouse.shared()
            let queries = try Self.guideQueries()
            #expect(queries.count == 10)
            let db = try TestDatabase.connect()
            try db.execute("SELECT set_config('search_path', $1, false)", [warehouse.schema.name])
            try db.execute("SELECT set_config('referrals_etl.as_of', $1, false)", [warehouse.simulatedNow])
            try db.execute("SET ROLE referrals_reader")
            for query in queries {
                let result = try db.execute(query)
                #expect(!result.rows.isEmpty, "no rows: \(query)")
            }
            try db.execute("RESET ROLE")
        }
    }
}
