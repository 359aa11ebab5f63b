import ArgumentParser
import Foundation
import PostgresLoad
import ReferralsPipeline

/// `status --json` and `status --max-age`: the pipelines' health for a monitor (see docs/operations.md).
struct StatusHealthOptions: ParsableArguments {
    @Flag(help: "Print one JSON object: each pipeline's watermark, last run, last success, lock holder, problems.")
    var json = false

    @Option(
        name: .customLong("max-age"),
        help: ArgumentHelp(
            "Unhealthy (exit 1) when a pipeline's last success is older than this: 90s, 30m, 36h, 2d.",
            valueName: "duration"))
    var maxAge: String?

    func validate() throws {
        if let maxAge, DurationText.seconds(maxAge) == nil {
            throw ValidationError("--max-age \"\(maxAge)\" is not a duration like 90s, 30m, 36h or 2d")
        }
    }

    var maxAgeSeconds: Double? { maxAge.flatMap(DurationText.seconds) }

    /// Prints the health (JSON, or the problems as text after the tables) and says whether every pipeline
    /// is healthy.
    func report(_ pipelines: [PipelineHealth], schema: SchemaName) throws -> Bool {
        let problems = pipelines.map { $0.problems(maxAgeSeconds: maxAgeSeconds) }
        let healthy = problems.allSatisfy(\.isEmpty)
        if json {
            print(
                try StatusJSON(
                    schema: schema.name, maxAgeSeconds: maxAgeSeconds, healthy: healthy,
                    pipelines: zip(pipelines, problems).map { StatusJSON.Entry(health: $0, problems: $1) }
                ).line())
        } else {
            print("")
            print(healthy ? "Healthy" : "Unhealthy")
            for (health, found) in zip(pipelines, problems) {
                let lock = health.lockHolderPID.map { "running now (lock held by backend pid \($0))" } ?? "not running"
                print("  \(health.pipeline): \(lock)")
                for problem in found { print("    - \(problem)") }
            }
        }
        return healthy
    }
}

/// The JSON object `status --json` prints.
struct StatusJSON: Encodable {
    struct Entry: Encodable {
        var health: PipelineHealth
        var problems: [String]

        func encode(to encoder: any Encoder) throws {
            try health.encode(to: encoder)
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(problems, forKey: .problems)
        }

        enum Keys: String, CodingKey { case problems }
    }

    var schema: String
    var maxAgeSeconds: Double?
    var healthy: Bool
    var pipelines: [Entry]

    enum CodingKeys: String, CodingKey {
        case schema, healthy, pipelines
        case maxAgeSeconds = "max_age_s"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(schema, forKey: .schema)
        try container.encode(maxAgeSeconds, forKey: .maxAgeSeconds)
        try container.encode(healthy, forKey: .healthy)
        try container.encode(pipelines, forKey: .pipelines)
    }

    func line() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}
