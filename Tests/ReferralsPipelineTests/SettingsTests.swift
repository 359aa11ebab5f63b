import Foundation
import Testing

@testable import ReferralsPipeline

@Suite("settings, declared once")
struct SettingsTests {
    static let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs/pipeline.md")

    @Test("docs/pipeline.md's configuration table has a row for every setting, with its flag, variable and key")
    func documented() throws {
        let rows = try String(contentsOf: Self.docs, encoding: .utf8).split(separator: "\n").filter {
            $0.hasPrefix("|")
        }
        for setting in Settings.all where setting.key != nil || setting.flag != nil {
            let cells = [
                setting.flag.map { "`--\($0)" }, setting.variable.map { "`\($0)`" }, setting.key.map { "`\($0)`" },
            ]
            .compactMap { $0 }
            #expect(
                rows.contains { row in cells.allSatisfy { row.contains($0) } },
                "no row of docs/pipeline.md has \(cells.joined(separator: " "))")
        }
    }

    @Test("one precedence everywhere: flag > environment > pipeline file > default")
    func precedence() throws {
        let env = ["REFERRALS_ETL_BATCH_SIZE": "200"]
        #expect(try Settings.batchSize.resolve(flag: "10", environment: env, file: 50) == 10)
        #expect(try Settings.batchSize.resolve(flag: nil, environment: env, file: 50) == 200)
        #expect(try Settings.batchSize.resolve(flag: nil, environment: [:], file: 50) == 50)
        #expect(try Settings.batchSize.resolve(flag: nil, environment: ["REFERRALS_ETL_BATCH_SIZE": ""]) == nil)
    }

    @Test(
        "a value that does not read is 64 from a flag and 78 from the environment; out of range is 78; all name the source",
        arguments: [
            ("--batch-size", "ten", true, "--batch-size \"ten\" is not valid: give a whole number"),
            ("--batch-size", "0", false, "--batch-size \"0\" is out of range: use 1 to 100000"),
            ("REFERRALS_ETL_BATCH_SIZE", "ten", false, "REFERRALS_ETL_BATCH_SIZE \"ten\" is not valid"),
            ("--strategy", "sideways", true, "--strategy \"sideways\" is not valid: give scan or filter"),
            ("--log-level", "loud", false, "--log-level \"loud\" is not a log level"),
        ])
    func sources(source: String, text: String, usage: Bool, message: String) {
        do {
            let isFlag = source.hasPrefix("--")
            switch source {
            case "--strategy": _ = try Settings.strategy.value(text, from: source, isFlag: isFlag)
            case "--log-level": _ = try Settings.logLevel.value(text, from: source, isFlag: isFlag)
            default: _ = try Settings.batchSize.value(text, from: source, isFlag: isFlag)
            }
            Issue.record("accepted \(source) \(text)")
        } catch let error as ConfigurationError {
            #expect(error.disposition == (usage ? .usage : .configuration))
            #expect(error.message.contains(message), "\(error.message)")
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test("a database URL is never quoted in a message")
    func databaseURLUnquoted() {
        #expect(throws: ConfigurationError.self) { try Settings.databaseURL.value("  ", from: "DATABASE_URL") }
        do {
            _ = try Settings.databaseURL.value(" ", from: "DATABASE_URL")
        } catch let error as ConfigurationError {
            #expect(!error.message.contains("\""))
        } catch {}
    }

    @Test("flags go through the same reading: typed, checked, and naming the flag")
    func flags() throws {
        let settings = try PipelineSettings.flags([("batch-size", "25"), ("strategy", "filter"), ("filter", nil)])
        #expect(settings.batchSize == 25)
        #expect(settings.strategy == .filter)
        #expect(settings.filter == nil)
    }
}
