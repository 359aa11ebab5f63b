import AnalystReport
import Foundation
import PostgresLoad
import TestSupport
import Testing

extension AnalystEndToEnd {
    /// `referrals-etl report` through the built binary on the loaded warehouse: the text, and the HTML page as
    /// headless Chromium renders it, both holding the figures the views give.
    @Suite("report end to end", .serialized)
    struct ReportEndToEndTests {
        /// Figures read straight from the views as of `asOf`, each as the report prints it.
        static func figures(_ warehouse: AnalystWarehouse) throws -> [String] {
            let db = try TestDatabase.connect()
            try db.execute("SELECT set_config('search_path', $1, false)", [warehouse.schema.name])
            try db.execute("SELECT set_config('referrals_etl.as_of', $1, false)", [warehouse.simulatedNow])
            var figures: [String] = []
            for row in try db.execute("SELECT bucket, count(*) FROM pending_response_sla GROUP BY bucket").rows {
                figures.append("\(row[1] ?? "")\u{0}\(row[0] ?? "")")
            }
            let funnel = try db.execute(
                """
                SELECT to_char(month, 'YYYY-MM'), sum(created) FROM funnel_by_month
                WHERE month > (referrals_as_of() AT TIME ZONE 'UTC') - interval '12 months' GROUP BY month
                """)
            figures += funnel.rows.map { "\($0[0] ?? "")\u{0}\($0[1] ?? "")" }
            let quarters = try db.execute(
                """
                SELECT to_char(date_trunc('quarter', month), 'YYYY-"Q"Q'),
                       round(100.0 * sum(won) / nullif(sum(won) + sum(lost), 0), 1) || ' %'
                FROM funnel_by_month WHERE month > (referrals_as_of() AT TIME ZONE 'UTC') - interval '24 months'
                GROUP BY 1 HAVING sum(won) + sum(lost) > 0
                """)
            figures += quarters.rows.map { "\($0[0] ?? "")\u{0}\($0[1] ?? "")" }
            let top = try db.execute(
                """
                SELECT name, open_deal_value::text FROM deal_value_by_requirement
                WHERE kind = 'solution' AND currency = 'USD' ORDER BY open_deal_value DESC, name LIMIT 3
                """)
            figures += top.rows.map { "\($0[0] ?? "")\u{0}\(MorningReport.money($0[1] ?? ""))" }
            let runs = try db.execute("SELECT mode, inserted FROM pipeline_health WHERE run_rank <= 2")
            figures += runs.rows.map { "\($0[0] ?? "")\u{0}\($0[1] ?? "")" }
            return figures
        }

        /// True when one line of `text` holds every part of `figure` (parts separated by NUL).
        static func holds(_ text: String, _ figure: String) -> Bool {
            let parts = figure.split(separator: "\u{0}").map(String.init)
            return text.split(separator: "\n").contains { line in parts.allSatisfy { line.contains($0) } }
        }

        /// Runs `report --as-of <simulated now> --html <directory>/report.html`; returns stdout and the page.
        static func runReport(_ warehouse: AnalystWarehouse, in directory: URL) throws -> (text: String, page: URL) {
            let page = directory.appendingPathComponent("report.html")
            let output = try BinaryRunner(environment: warehouse.environment).run([
                "report", "--as-of", warehouse.simulatedNow, "--html", page.path,
            ])
            try #require(output.status == 0, "\(output.stderr)")
            return (output.stdout, page)
        }

        static func withDirectory<T>(_ body: (URL) throws -> T) throws -> T {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            return try body(directory)
        }

        @Test("text on stdout holds the views' figures; the HTML page is self-contained")
        func text() async throws {
            let warehouse = try await AnalystWarehouse.shared()
            let figures = try Self.figures(warehouse)
            #expect(figures.count >= 10)
            try Self.withDirectory { directory in
                let (text, page) = try Self.runReport(warehouse, in: directory)
                for figure in figures {
                    #expect(
                        Self.holds(text, figure), "text lacks \(figure.replacingOccurrences(of: "\u{0}", with: " … "))")
                }
                // Every table's rows end at one display column (the last columns are numbers or fixed-width times),
                // whatever CJK or emoji the names hold (TextTableTests has names that do).
                for section in text.components(separatedBy: "\n\n") {
                    let rows = section.split(separator: "\n").drop { !$0.hasPrefix("  --") }.dropFirst()
                    #expect(Set(rows.map { DisplayWidth.of(String($0)) }).count <= 1, "misaligned:\n\(section)")
                }
                let html = try String(contentsOf: page, encoding: .utf8)
                for forbidden in ["<script", "<link", "src=", "url(", "@import"] { #expect(!html.contains(forbidden)) }
            }
        }

        @Test(
            "the HTML page as headless Chromium renders it holds the views' figures",
            .enabled(
                if: ToolRunner.available("chromium"),
                "chromium is not installed (scripts/ensure-deps.sh could not install it): rendering the HTML report is skipped"
            ))
        func renderedHTML() async throws {
            let warehouse = try await AnalystWarehouse.shared()
            let figures = try Self.figures(warehouse)
            try Self.withDirectory { directory in
                let (_, page) = try Self.runReport(warehouse, in: directory)
                let rendered = try Self.renderedText(page, in: directory)
                for figure in figures {
                    #expect(
                        Self.holds(rendered, figure),
                        "rendered page lacks \(figure.replacingOccurrences(of: "\u{0}", with: " … "))")
                }
            }
        }

        @Test("bad --as-of is 64, an unmigrated schema 78, an unwritable --html 78")
        func badInput() async throws {
            let warehouse = try await AnalystWarehouse.shared()
            let binary = BinaryRunner(environment: warehouse.environment)
            let badTime = try binary.run(["report", "--as-of", "next tuesday"])
            #expect(badTime.status == 64)
            #expect(badTime.stderr.contains("--as-of"))
            let unmigrated = try binary.run(["report", "--schema", TestDatabase.freshSchema("nothing").name])
            #expect(unmigrated.status == 78)
            #expect(unmigrated.stderr.contains("referrals-etl migrate"))
            let unwritable = try binary.run(["report", "--html", "/nonexistent-dir/x/report.html"])
            #expect(unwritable.status == 78)
            #expect(unwritable.stderr.contains("/nonexistent-dir/x/report.html"))
        }

        /// The page's text as headless Chromium renders it (`--dump-dom`, tags stripped, entities decoded, one line
        /// per table row and block).
        static func renderedText(_ page: URL, in directory: URL) throws -> String {
            let output = try ToolRunner.run(
                [
                    "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--user-data-dir=\(directory.appendingPathComponent("profile").path)", "--dump-dom",
                    page.absoluteString,
                ], timeout: 90)
            try #require(
                output.status == 0 && output.stdout.contains("</html>"), "chromium failed: \(output.stderr.suffix(800))"
            )
            var text = output.stdout
            for block in ["</tr>", "</p>", "</h1>", "</h2>", "</h3>", "</text>"] {
                text = text.replacingOccurrences(of: block, with: block + "\n")
            }
            text = text.replacingOccurrences(of: "<[^>]+>", with: " ", options: .regularExpression)
            for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")]
            {
                text = text.replacingOccurrences(of: entity, with: character)
            }
            return text
        }
    }
}
