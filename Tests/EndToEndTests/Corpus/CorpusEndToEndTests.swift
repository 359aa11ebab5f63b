import Foundation
import PostgresLoad
import TestSupport
import Testing

/// The hostile-input corpus (`Tests/Corpus`, format in its README) through the built binary, served by a
/// loopback `FixtureServer`, loaded into a real PostgreSQL. The property: every record served is stored exactly
/// or quarantined with its reason; the exit code is the expected one; nothing hangs; no secret on stderr.
@Suite("hostile-input corpus end to end", .serialized)
struct CorpusEndToEndTests {
    static let token = "corpus-secret-token-5d1e"
    /// The longest a corpus run may take before it counts as a hang.
    static let deadline = 90.0

    struct Setup {
        var server: FixtureServer
        var binary: BinaryRunner
        var schema: SchemaName
        var db: LibPQConnection
    }

    static func withSetup(env: [String: String], _ body: (Setup) async throws -> Void) async throws {
        let server = try await FixtureServer.start()
        let schema = TestDatabase.freshSchema("corpus")
        var binary = try BinaryRunner.against(apiBaseURL: server.origin, token: Self.token, schema: schema)
        binary.environment["REFERRALS_ETL_RETRY_BUDGET_SECONDS"] = "4"
        binary.environment.merge(env) { $1 }
        do {
            try await body(
                Setup(
                    server: server, binary: binary, schema: schema,
                    db: try TestDatabase.connect()))
        } catch {
            try? await server.stop()
            throw error
        }
        try await server.stop()
    }

    @Test("page case", arguments: PageCase.all())
    func page(_ corpusCase: PageCase) async throws {
        let expect = corpusCase.definition.expect
        try await Self.withSetup(env: corpusCase.definition.env ?? [:]) { setup in
            setup.server.serve(try corpusCase.routes(origin: setup.server.origin))
            let (output, timedOut) = try setup.binary.run(["run"], deadline: Self.deadline)
            let label = "\(corpusCase.name) (\(corpusCase.definition.about))"
            #expect(!timedOut, "\(label): still running after \(Self.deadline) s")
            #expect(output.status == expect.exit, "\(label): exit \(output.status)\n\(output.stderr.suffix(1500))")
            #expect(!output.stderr.contains(Self.token), "\(label): the token reached stderr")
            for text in expect.stderr ?? [] {
                #expect(
                    output.stderr.contains(text), "\(label): stderr lacks \"\(text)\"\n\(output.stderr.suffix(1500))")
            }
            for text in expect.stderrAbsent ?? [] {
                #expect(!output.stderr.contains(text), "\(label): stderr holds \"\(text)\"")
            }
            let received = setup.server.received()
            for target in expect.requested ?? [] {
                #expect(
                    received.contains { $0.target == target },
                    "\(label): never requested \(target): \(received.map(\.target))")
            }
            for prefix in expect.notRequested ?? [] {
                #expect(!received.contains { $0.target.hasPrefix(prefix) }, "\(label): requested \(prefix)")
            }
            #expect(!received.contains { $0.authorization != nil && $0.authorization != "Bearer \(Self.token)" })
            guard try Self.migrated(setup) else {
                #expect(expect.stored.isEmpty && (expect.rejected ?? []).isEmpty, "\(label): nothing was loaded")
                return
            }
            let stored = Set(
                try setup.db.execute("SELECT id FROM \(setup.schema.table("referrals"))").rows.map { $0[0] ?? "" })
            let kept = Set(expect.keptBeforeFailure ?? [])
            #expect(
                Set(expect.stored).isSubset(of: stored) && stored.isSubset(of: Set(expect.stored).union(kept)),
                "\(label): stored ids \(stored.sorted())")
            try Self.checkRejections(expect.rejected ?? [], setup, label: label)
            // Each stored referral against the version the server sent that must win: the newest
            // updatedDateTime, the later one on a tie.
            var newest: [String: (updated: String, json: String)] = [:]
            for body in try corpusCase.servedBodies(origin: setup.server.origin) {
                for element in try Self.elements(of: body, setup.db) {
                    guard let object = try? JSONSerialization.jsonObject(with: Data(element.utf8)) as? [String: Any],
                        let id = object["id"] as? String, stored.contains(id)
                    else { continue }
                    let updated =
                        (object["updatedDateTime"] as? String).flatMap(StoredRecordCheck.microsecondUTC) ?? ""
                    if let current = newest[id], current.updated > updated { continue }
                    newest[id] = (updated, element)
                }
            }
            for (id, version) in newest.sorted(by: { $0.key < $1.key }) {
                try StoredRecordCheck.compare(json: version.json, setup.db, setup.schema, label: "\(label): \(id)")
            }
        }
    }

    @Test("every record case is stored exactly or quarantined with its reason, in one run")
    func records() async throws {
        let cases = RecordCase.all()
        guard !cases.isEmpty else { return }
        var ids: [String: String] = [:]
        for recordCase in cases where recordCase.outcome == .stored {
            let object = try? JSONSerialization.jsonObject(with: Data(recordCase.bytes)) as? [String: Any]
            guard let id = object?["id"] as? String else { continue }
            if let other = ids[id] {
                Issue.record("records \(other) and \(recordCase.name) share id \(id): rename one")
            }
            ids[id] = recordCase.name
        }
        try await Self.withSetup(env: ["REFERRALS_ETL_MAX_REJECTED_COUNT": "1000000"]) { setup in
            setup.server.serve(Self.recordRoutes(cases, origin: setup.server.origin))
            let (output, timedOut) = try setup.binary.run(["run"], deadline: Self.deadline)
            #expect(!timedOut, "the records run was still going after \(Self.deadline) s")
            #expect(output.status == 0, "\(output.stderr.suffix(1500))")
            #expect(!output.stderr.contains(Self.token))
            let rejections = try setup.db.execute(
                "SELECT reason, raw FROM \(setup.schema.table("rejected_referrals"))"
            ).rows.map { (reason: $0[0] ?? "", raw: $0[1] ?? "") }
            var storedCount = 0
            for recordCase in cases {
                // The element's raw text is the record without the whitespace around it.
                let text = String(decoding: recordCase.bytes, as: UTF8.self).trimmingCharacters(in: .jsonWhitespace)
                let rejection = rejections.first { $0.raw == text.replacingOccurrences(of: "\u{0}", with: "\\u0000") }
                switch recordCase.outcome {
                case .stored:
                    storedCount += 1
                    #expect(
                        rejection == nil,
                        "\(recordCase.name): quarantined (\(rejection?.reason ?? "")), expected stored")
                    if rejection == nil {
                        try StoredRecordCheck.compare(json: text, setup.db, setup.schema, label: recordCase.name)
                    }
                case .quarantined(let reason):
                    #expect(rejection != nil, "\(recordCase.name): not quarantined")
                    if let rejection {
                        #expect(rejection.reason.contains(reason), "\(recordCase.name): reason \"\(rejection.reason)\"")
                    }
                }
            }
            #expect(rejections.count == cases.count - storedCount, "rejections: \(rejections.map(\.reason))")
            let rows = try setup.db.execute("SELECT count(*) FROM \(setup.schema.table("referrals"))").scalar
            #expect(rows == String(storedCount))
        }
    }

    /// One record per page, chained by absolute nextLinks; the first page answers the first query.
    static func recordRoutes(_ cases: [RecordCase], origin: String) -> [FixtureServer.Route] {
        let path = "/v1.0/engagements/referrals"
        var routes: [FixtureServer.Route] = []
        for (index, recordCase) in cases.enumerated() {
            var body = Array(#"{"value":["#.utf8) + recordCase.bytes + Array("]".utf8)
            if index + 1 < cases.count {
                body += Array(#","@odata.nextLink":"{{origin}}\#(path)?$skiptoken=record-\#(index + 1)""#.utf8)
            }
            body += Array("}".utf8)
            let target = index == 0 ? path + "?*" : path + "?$skiptoken=record-\(index)"
            routes.append(
                FixtureServer.Route(
                    target: target, responses: [FixtureServer.Response(body: Corpus.substitute(body, origin: origin))]))
        }
        // The first page's route matches any query: it goes last so the exact ones win.
        return Array(routes.dropFirst()) + routes.prefix(1)
    }

    /// The elements of a page body's `value`, as PostgreSQL reads them, or none when the body is not JSON.
    static func elements(of body: [UInt8], _ db: LibPQConnection) throws -> [String] {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let text = String(decoding: body.starts(with: bom) ? Array(body.dropFirst(3)) : body, as: UTF8.self)
        guard let result = try? db.execute("SELECT e::text FROM jsonb_array_elements($1::jsonb -> 'value') e", [text])
        else { return [] }
        return result.rows.compactMap { $0[0] }
    }

    static func migrated(_ setup: Setup) throws -> Bool {
        try setup.db.execute("SELECT to_regclass($1) IS NOT NULL", [setup.schema.table("referrals")]).scalar == "t"
    }

    /// Each expected reason matched by a different rejection, and no rejection more.
    static func checkRejections(_ expected: [String], _ setup: Setup, label: String) throws {
        var reasons = try setup.db.execute("SELECT reason FROM \(setup.schema.table("rejected_referrals"))").rows.map {
            $0[0] ?? ""
        }
        for text in expected {
            if let index = reasons.firstIndex(where: { $0.contains(text) }) {
                reasons.remove(at: index)
            } else {
                Issue.record("\(label): no rejection says \"\(text)\"; left: \(reasons)")
            }
        }
        #expect(reasons.isEmpty, "\(label): unexpected rejections \(reasons)")
    }
}

extension CharacterSet {
    /// JSON's insignificant whitespace: space, tab, line feed, carriage return.
    static let jsonWhitespace = CharacterSet(charactersIn: " \t\n\r")
}
