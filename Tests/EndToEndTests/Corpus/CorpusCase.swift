import Foundation
import TestSupport
import Testing

/// The hostile-input corpus in `Tests/Corpus` (format in its README): page cases, each a folder with
/// `case.json` and the bodies it serves, and record cases, each one referral's JSON with a `.expect` line.
enum Corpus {
    /// `Tests/Corpus`.
    static var root: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Corpus")
    }

    /// Where a page body says the server's own origin (`http://127.0.0.1:<port>`).
    static let originPlaceholder = Array("{{origin}}".utf8)

    /// `bytes` with every `{{origin}}` replaced by `origin`.
    static func substitute(_ bytes: [UInt8], origin: String) -> [UInt8] {
        let marker = originPlaceholder
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == marker[0], index + marker.count <= bytes.count,
                Array(bytes[index..<(index + marker.count)]) == marker
            {
                out += Array(origin.utf8)
                index += marker.count
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return out
    }
}

/// One page case: `Tests/Corpus/pages/<name>/case.json` and the body files it names.
struct PageCase: Sendable, CustomTestStringConvertible {
    struct Response: Decodable, Sendable {
        var status: Int?
        var body: String?
        var headers: [String: String]?
        var truncateAfter: Int?
        enum CodingKeys: String, CodingKey {
            case status, body, headers
            case truncateAfter = "truncate_after"
        }
    }
    struct Route: Decodable, Sendable {
        var target: String
        var body: String?
        var status: Int?
        var responses: [Response]?
    }
    struct Expectation: Decodable, Sendable {
        var exit: Int32
        var stored: [String]
        var rejected: [String]?
        var stderr: [String]?
        var stderrAbsent: [String]?
        var requested: [String]?
        var notRequested: [String]?
        var keptBeforeFailure: [String]?
        enum CodingKeys: String, CodingKey {
            case exit, stored, rejected, stderr, requested
            case notRequested = "not_requested"
            case stderrAbsent = "stderr_absent"
            case keptBeforeFailure = "kept_before_failure"
        }
    }
    struct Definition: Decodable, Sendable {
        var about: String
        var env: [String: String]?
        var routes: [Route]
        var expect: Expectation
    }

    var name: String
    var folder: URL
    var definition: Definition

    var testDescription: String { name }

    /// Every case under `Tests/Corpus/pages`, sorted by name.
    static func all() -> [PageCase] {
        let pages = Corpus.root.appendingPathComponent("pages")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: pages.path)) ?? []
        return names.sorted().compactMap { name in
            let folder = pages.appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent("case.json").path)
            else { return nil }
            do {
                return PageCase(
                    name: name, folder: folder, definition: try JSONDecoder().decode(Definition.self, from: data))
            } catch {
                Issue.record("Tests/Corpus/pages/\(name)/case.json: \(error)")
                return nil
            }
        }
    }

    /// The body file `name`, with `{{origin}}` replaced.
    func body(_ file: String, origin: String) throws -> [UInt8] {
        let url = folder.appendingPathComponent(file)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw CorpusError("\(name): missing body file \(file)")
        }
        return Corpus.substitute(Array(data), origin: origin)
    }

    /// The fixture server's routes for this case.
    func routes(origin: String) throws -> [FixtureServer.Route] {
        try definition.routes.map { route in
            let responses =
                route.responses ?? [Response(status: route.status, body: route.body, headers: nil, truncateAfter: nil)]
            return FixtureServer.Route(
                target: route.target,
                responses: try responses.map { response in
                    FixtureServer.Response(
                        status: response.status ?? 200,
                        headers: (response.headers ?? [:]).sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
                        body: try response.body.map { try body($0, origin: origin) } ?? [],
                        truncateAfter: response.truncateAfter)
                })
        }
    }

    /// The bodies of every 200 response, for the independent reading of stored referrals.
    func servedBodies(origin: String) throws -> [[UInt8]] {
        try definition.routes.flatMap { route in
            try (route.responses ?? [Response(status: route.status, body: route.body)]).compactMap { response in
                guard (response.status ?? 200) == 200, response.truncateAfter == nil, let file = response.body else {
                    return nil
                }
                return try body(file, origin: origin)
            }
        }
    }
}

/// One record case: `Tests/Corpus/records/<name>.json` and `<name>.expect`.
struct RecordCase: Sendable {
    enum Outcome: Sendable, Equatable {
        case stored
        case quarantined(reason: String)
    }
    var name: String
    var bytes: [UInt8]
    var outcome: Outcome

    /// Every record case, sorted by name; a case without a readable `.expect` is reported and skipped.
    static func all() -> [RecordCase] {
        let folder = Corpus.root.appendingPathComponent("records")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted().compactMap { file in
            let name = String(file.dropLast(".json".count))
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(file).path),
                let expect = try? String(
                    contentsOf: folder.appendingPathComponent(name + ".expect"), encoding: .utf8)
            else {
                Issue.record("Tests/Corpus/records/\(name): missing \(name).expect")
                return nil
            }
            let line = expect.trimmingCharacters(in: .whitespacesAndNewlines)
            let outcome: Outcome
            if line == "stored" {
                outcome = .stored
            } else if line.hasPrefix("quarantined:") {
                outcome = .quarantined(
                    reason: String(line.dropFirst("quarantined:".count)).trimmingCharacters(in: .whitespaces))
            } else {
                Issue.record("Tests/Corpus/records/\(name).expect: expected `stored` or `quarantined: <reason>`")
                return nil
            }
            return RecordCase(name: name, bytes: Array(data), outcome: outcome)
        }
    }
}

struct CorpusError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
