import Foundation

/// A strict reader of the Prometheus text exposition format (what node_exporter's textfile collector
/// accepts), for tests: `promtool` is not available here.
public enum MetricsText {
    public struct Malformed: Error, CustomStringConvertible {
        public let description: String
    }

    private static let name = "[a-zA-Z_:][a-zA-Z0-9_:]*"
    private static let label = #"[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\[\\"n])*""#
    private static let sample = try? NSRegularExpression(
        pattern:
            "^(\(name))(\\{\(label)(?:,\(label))*\\})? (NaN|[+-]Inf|[-+]?[0-9]+(?:\\.[0-9]+)?(?:[eE][-+]?[0-9]+)?)$")
    private static let comment = try? NSRegularExpression(
        pattern: "^# (?:HELP \(name) .*|TYPE (\(name)) (?:counter|gauge|histogram|summary|untyped))$")

    /// Samples by `name{labels sorted}`; throws on any line that is not a comment or a sample, on a sample
    /// without a `# TYPE` before it, on a duplicate series, or on a missing final newline.
    public static func parse(_ text: String) throws -> [String: Double] {
        guard let sample, let comment else { throw Malformed(description: "regex") }
        guard text.hasSuffix("\n") else { throw Malformed(description: "no final newline") }
        var typed = Set<String>()
        var samples: [String: Double] = [:]
        for line in text.dropLast().split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            let range = NSRange(line.startIndex..., in: line)
            if let match = comment.firstMatch(in: line, range: range) {
                if let typeName = Range(match.range(at: 1), in: line) { typed.insert(String(line[typeName])) }
                continue
            }
            guard let match = sample.firstMatch(in: line, range: range),
                let nameRange = Range(match.range(at: 1), in: line),
                let valueRange = Range(match.range(at: 3), in: line), let value = Double(line[valueRange])
            else { throw Malformed(description: "not a sample or comment: \(line)") }
            let metric = String(line[nameRange])
            guard typed.contains(metric) else { throw Malformed(description: "no # TYPE before \(metric)") }
            let labels = Range(match.range(at: 2), in: line).map { String(line[$0].dropFirst().dropLast()) }
            let key = metric + (labels.map { "{" + sortedLabels($0) + "}" } ?? "")
            guard samples.updateValue(value, forKey: key) == nil else {
                throw Malformed(description: "duplicate series \(key)")
            }
        }
        return samples
    }

    /// `b="2",a="1"` → `a="1",b="2"` (values here hold no commas).
    private static func sortedLabels(_ text: String) -> String {
        text.split(separator: ",").map(String.init).sorted().joined(separator: ",")
    }
}
