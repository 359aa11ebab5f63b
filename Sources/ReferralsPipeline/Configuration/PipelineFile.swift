import Foundation
import Yams

/// A pipeline file (`--pipeline FILE`, see `pipelines/`): a YAML mapping of settings, snake_case keys.
///
/// `${NAME}` in a value is replaced by the environment variable `NAME` (unset or empty is an error), so a file
/// can be committed while what differs per machine, such as a seller's email, stays outside it. A literal
/// secret (token, client secret, database password) is refused: secrets come from the environment only.
/// Every problem is one line, `FILE:LINE: key: what is wrong and how to fix it`, never quoting a secret.
public struct PipelineFile: Sendable {
    /// Where the text came from, as given (printed in errors).
    public let path: String
    /// The YAML text.
    public let text: String

    public init(path: String, text: String) {
        self.path = path
        self.text = text
    }

    /// Reads `path` as UTF-8. Throws a configuration error naming the file when it cannot.
    public static func read(_ path: String) throws -> PipelineFile {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ConfigurationError("cannot read the pipeline file \(path): check the path and that it is UTF-8 text")
        }
        return PipelineFile(path: path, text: text)
    }

    /// The settings the file holds, each value checked where it is read so an error names its line.
    public func settings(environment: [String: String]) throws -> PipelineSettings {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw ConfigurationError("\(path): not valid YAML (\(Self.summary(of: error))): fix the file")
        }
        guard let root else { return PipelineSettings() }
        guard case .mapping(let mapping) = root else {
            throw error(at: root, "a pipeline file is a mapping of settings, one `key: value` per line")
        }
        let fields = PipelineSettings.fields.filter { $0.key != nil }
        var settings = PipelineSettings()
        var seen = Set<String>()
        for (keyNode, valueNode) in mapping {
            guard case .scalar(let keyScalar) = keyNode else { throw error(at: keyNode, "a key must be a plain name") }
            let key = keyScalar.string
            if let variable = Self.secretVariable(forKey: key) {
                throw error(
                    at: keyNode,
                    "\(key.prefix(60)): a pipeline file must not hold secrets: set \(variable) in the "
                        + "environment instead")
            }
            guard let field = fields.first(where: { $0.key == key }) else {
                let known = fields.compactMap(\.key).sorted().joined(separator: ", ")
                throw error(at: keyNode, "unknown key \"\(key.prefix(60))\": use \(known)")
            }
            guard seen.insert(key).inserted else { throw error(at: keyNode, "\(key) is given twice: keep one") }
            guard case .scalar(let valueScalar) = valueNode else {
                throw error(at: valueNode, "\(key): give one value, not a list or a mapping")
            }
            if let problem = Self.literalSecret(in: valueScalar.string, key: key) {
                throw error(at: valueNode, "\(key): \(problem)")
            }
            if valueNode.null != nil { continue }
            let value = try expand(valueScalar.string, key: key, at: valueNode, environment: environment)
            try field.read(&settings, value, "\(path):\(valueNode.mark?.line ?? 1): \(key)", false)
        }
        return settings
    }

    /// `text` with every `${NAME}` replaced by the environment's value.
    private func expand(_ text: String, key: String, at node: Node, environment: [String: String]) throws -> String {
        var result = ""
        var rest = Substring(text)
        while let start = rest.range(of: "${") {
            result += rest[..<start.lowerBound]
            guard let end = rest[start.upperBound...].firstIndex(of: "}") else {
                throw error(at: node, "\(key): \"${\" has no closing \"}\": write ${NAME}")
            }
            let name = String(rest[start.upperBound..<end])
            guard let first = name.unicodeScalars.first,
                first == "_" || (first.isASCII && first.properties.isAlphabetic),
                name.unicodeScalars.allSatisfy({
                    $0 == "_" || ($0.isASCII && $0.properties.isAlphabetic) || ("0"..."9").contains($0)
                })
            else {
                throw error(
                    at: node, "\(key): \"${\(name.prefix(40))}\" is not a variable name: use letters, digits and _")
            }
            guard let value = environment[name], !value.isEmpty else {
                throw error(at: node, "\(key): ${\(name)} is not set: export \(name) or remove the reference")
            }
            result += value
            rest = rest[rest.index(after: end)...]
        }
        return result + rest
    }

    private func error(at node: Node, _ message: String) -> ConfigurationError {
        ConfigurationError("\(path):\(node.mark?.line ?? 1): \(message)")
    }

    /// The environment variable a secret-looking key belongs in, or nil for an ordinary key.
    static func secretVariable(forKey key: String) -> String? {
        let name = key.lowercased().filter { $0.isLetter }
        if name.contains("refreshtoken") { return "PARTNER_CENTER_REFRESH_TOKEN" }
        if name.contains("secret") { return "PARTNER_CENTER_CLIENT_SECRET" }
        if name.contains("token") || name.contains("bearer") { return "PARTNER_CENTER_ACCESS_TOKEN" }
        if name.contains("password") || name.contains("passwd") { return "PGPASSWORD (or ~/.pgpass)" }
        return nil
    }

    /// Why `value`, as written in the file, holds a literal secret, or nil. `${NAME}` references are fine.
    static func literalSecret(in value: String, key: String) -> String? {
        if value.range(of: #"eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\."#, options: .regularExpression) != nil
            || value.range(of: #"(?i)\bbearer\s+[A-Za-z0-9._~+/-]{8,}"#, options: .regularExpression) != nil
        {
            return "the value looks like a token: a pipeline file must not hold secrets; "
                + "set PARTNER_CENTER_ACCESS_TOKEN in the environment instead"
        }
        guard key == Settings.databaseURL.key else { return nil }
        let reference = #"\$\{[A-Za-z_][A-Za-z0-9_]*\}"#
        let urlPassword = #"^[A-Za-z][A-Za-z0-9+.-]*://[^/@:]*:(?!"# + reference + #"@)[^@/]+@"#
        let conninfoPassword = #"(?i)(^|\s)password\s*=\s*(?!"# + reference + #"(\s|$))\S"#
        if value.range(of: urlPassword, options: .regularExpression) != nil
            || value.range(of: conninfoPassword, options: .regularExpression) != nil
        {
            return "the URL holds a literal password: remove it and set PGPASSWORD or ~/.pgpass, or set "
                + "DATABASE_URL in the environment (or write the password as ${NAME})"
        }
        return nil
    }

    /// A YAML error's problem and position, without the snippet of the file Yams adds (it may hold a secret).
    private static func summary(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return "line \(mark.line): \(problem)"
        case .duplicatedKeysInMapping(let duplicates, _):
            return "a key is given twice: \(duplicates.map { String($0.prefix(60)) }.joined(separator: ", "))"
        default:
            return "unreadable"
        }
    }
}
