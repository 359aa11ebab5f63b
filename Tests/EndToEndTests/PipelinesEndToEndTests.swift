import Foundation
import PartnerCenterSimulator
import PostgresLoad
import TestSupport
import Testing

/// The pipeline files shipped in `pipelines/`, each run by the built binary against the simulator, three of them at
/// the same time against one warehouse. What each must load is computed from the simulator's JSON on its own.
@Suite("shipped pipelines end to end", .serialized)
struct PipelinesEndToEndTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("pipelines")

    static func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// The referrals of `all` that a pipeline's filter selects, by the documented meaning of its filter.
    static func selected(_ all: [[String: Any]], by file: String, seller: String) -> Set<String> {
        func text(_ r: [String: Any], _ key: String) -> String? { r[key] as? String }
        let matching = all.filter { r in
            switch file {
            case "incoming-shared.yaml": text(r, "type") == "Shared" && text(r, "direction") == "Incoming"
            case "incoming-pending.yaml": text(r, "direction") == "Incoming" && text(r, "substatus") == "Pending"
            case "outgoing-active-by-seller.yaml":
                text(r, "status") == "Active" && text(r, "direction") == "Outgoing" && text(r, "type") == "Shared"
                    && ((r["team"] as? [[String: Any]]) ?? []).contains { $0["email"] as? String == seller }
            default: true
            }
        }
        return Set(matching.compactMap { $0["id"] as? String })
    }

    @Test("every shipped pipeline loads exactly what its filter selects; three run at once on one warehouse")
    func shippedPipelines() async throws {
        try await RunEndToEndTests.withSetup(referrals: 1_500) { simulator, binary, schema, db in
            let all = try ExpectedWarehouse.referrals(of: simulator)
            // A seller on the team of at least one active outgoing co-sell referral.
            let seller = all.first {
                $0["status"] as? String == "Active" && $0["direction"] as? String == "Outgoing"
                    && $0["type"] as? String == "Shared" && !(($0["team"] as? [[String: Any]]) ?? []).isEmpty
            }.flatMap { (($0["team"] as? [[String: Any]])?.first?["email"] as? String) }
            let email = try #require(seller)
            var runner = binary
            runner.environment["REFERRALS_ETL_SELLER_EMAIL"] = email
            runner.environment["REFERRALS_ETL_SCHEMA"] = nil  // each file names the schema: override it below
            let files = ["incoming-shared.yaml", "incoming-pending.yaml", "outgoing-active-by-seller.yaml"]
            let started = try files.map {
                try runner.start(["run", "--pipeline", Self.path($0), "--schema", schema.name])
            }
            for (file, (process, out, errURL)) in zip(files, started) {
                let output = BinaryRunner.finish(process, out, errURL)
                #expect(output.status == 0, "\(file): \(output.stderr.suffix(400))")
                let expected = Self.selected(all, by: file, seller: email)
                #expect(!expected.isEmpty, "\(file) selects nothing in the simulator's data")
                #expect(output.int("referrals") == expected.count, "\(file)")
                #expect(output.summary["pipeline"] as? String == String(file.dropLast(5)))
                let stored = try db.execute(
                    "SELECT count(*) FROM \(schema.table("etl_runs")) WHERE pipeline = $1 AND status = 'succeeded'",
                    [String(file.dropLast(5))])
                #expect(stored.scalar == "1", "\(file): its own ledger rows")
            }
            let union = files.reduce(into: Set<String>()) { $0.formUnion(Self.selected(all, by: $1, seller: email)) }
            let ids = try db.execute("SELECT id FROM \(schema.table("referrals"))").rows.compactMap { $0.first ?? nil }
            #expect(Set(ids) == union)

            let everything = try runner.run([
                "run", "--pipeline", Self.path("all-referrals.yaml"), "--schema", schema.name,
            ])
            #expect(everything.status == 0, "\(everything.stderr.suffix(400))")
            #expect(everything.int("referrals") == all.count)
            #expect(try RunEndToEndTests.count(db, schema, "referrals") == all.count)
            let states = try db.execute("SELECT pipeline FROM \(schema.table("etl_state")) ORDER BY 1").rows
            #expect(
                states.compactMap { $0.first ?? nil }
                    == ["all-referrals", "incoming-pending", "incoming-shared", "outgoing-active-by-seller"])
        }
    }

    @Test("the seller pipeline without REFERRALS_ETL_SELLER_EMAIL is 78 naming the file, line and variable")
    func missingSeller() async throws {
        try await RunEndToEndTests.withSetup(referrals: 10) { _, binary, _, _ in
            var runner = binary
            runner.environment["REFERRALS_ETL_SELLER_EMAIL"] = nil
            let output = try runner.run(["run", "--pipeline", Self.path("outgoing-active-by-seller.yaml")])
            #expect(output.status == 78)
            #expect(output.stderr.contains("outgoing-active-by-seller.yaml:"))
            #expect(output.stderr.contains("${REFERRALS_ETL_SELLER_EMAIL} is not set"))
        }
    }

    @Test("a pipeline file holding a literal secret is 78 pointing at the environment, without echoing it")
    func literalSecret() async throws {
        try await RunEndToEndTests.withSetup(referrals: 10) { _, binary, _, _ in
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("secret-\(UUID()).yaml")
            try "name: leaky\nclient_secret: TopSecretValue42\n".write(to: file, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(at: file) }
            let output = try binary.run(["run", "--pipeline", file.path])
            #expect(output.status == 78)
            #expect(output.stderr.contains(":2: client_secret"))
            #expect(output.stderr.contains("PARTNER_CENTER_CLIENT_SECRET"))
            #expect(!output.stderr.contains("TopSecretValue42"))
            #expect(!output.stdout.contains("TopSecretValue42"))
        }
    }
}
