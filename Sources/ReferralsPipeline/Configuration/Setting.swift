import Foundation

/// One setting, declared once: where a person gives it (flag, environment variable, pipeline-file key), its help,
/// its default as shown to people, how its text is read and which values are allowed. Every command reads settings
/// through `Setting` the same way: flag > environment > pipeline file > default (docs/pipeline.md#configuration).
///
/// A small table of our own rather than apple/swift-configuration: that library maps one key name to every source,
/// while this contract has independent names per source (`--retry-budget`, `REFERRALS_ETL_RETRY_BUDGET_SECONDS`,
/// `retry_budget_seconds`), and pipeline-file errors must name the file's line, which its providers do not keep.
public struct Setting<Value: Sendable>: Sendable {
    /// The pipeline-file key (snake_case), or nil where a file may not give it (secrets, per-machine settings).
    public let key: String?
    /// The environment variable, or nil.
    public let variable: String?
    /// The long flag without its dashes, or nil.
    public let flag: String?
    /// One line of help, without the default.
    public let help: String
    /// The default as people should read it (`1000`, `the API's (100)`).
    public let shownDefault: String
    /// The flag's value placeholder in help (`n`, `url`).
    public let valueName: String
    /// What a value must be, for messages: "a whole number", "scan or filter".
    let expected: String
    /// Whether messages may quote the value (not for one that may carry a password).
    let quotable: Bool
    let read: @Sendable (String) -> Value?
    /// nil when allowed, else what is wrong and what to do ("is out of range: use 1 to 100000").
    let check: @Sendable (Value) -> String?

    init(
        key: String?, variable: String?, flag: String?, help: String, default shownDefault: String,
        valueName: String = "value", expected: String, quotable: Bool = true,
        read: @escaping @Sendable (String) -> Value?,
        check: @escaping @Sendable (Value) -> String? = { _ in nil }
    ) {
        self.key = key
        self.variable = variable
        self.flag = flag
        self.help = help
        self.shownDefault = shownDefault
        self.valueName = valueName
        self.expected = expected
        self.quotable = quotable
        self.read = read
        self.check = check
    }

    /// The value `text` gives, from `source` (`--batch-size`, `REFERRALS_ETL_BATCH_SIZE`, `file:3: batch_size`).
    /// Text that does not read is a usage error for a flag and a configuration error elsewhere; a value out of range
    /// is a configuration error. Messages quote at most 60 characters of the text.
    public func value(_ text: String, from source: String, isFlag: Bool = false) throws -> Value {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let quoted = quotable ? "\(source) \"\(trimmed.prefix(60))\"" : source
        guard let value = read(trimmed) else {
            throw ConfigurationError("\(quoted) is not valid: give \(expected)", usage: isFlag)
        }
        if let problem = check(value) { throw ConfigurationError("\(quoted) \(problem)") }
        return value
    }

    /// The environment's value: nil when the variable is unset or empty (empty counts as unset).
    public func value(in environment: [String: String]) throws -> Value? {
        guard let variable, let text = environment[variable], !text.isEmpty else { return nil }
        return try value(text, from: variable)
    }

    /// Flag text, else the environment, else `file`'s value: the one precedence every command uses.
    public func resolve(flag text: String?, environment: [String: String], file: Value? = nil) throws -> Value? {
        if let text, let flag { return try value(text, from: "--\(flag)", isFlag: true) }
        return try value(in: environment) ?? file
    }

    /// Help for the flag: the line, the default and the environment variable.
    public var flagHelp: String {
        help + " (default: " + (variable.map { "$\($0) or " } ?? "") + shownDefault + ")"
    }
}

extension Setting where Value == String {
    /// Text, checked by `check`.
    static func text(
        key: String?, variable: String?, flag: String?, help: String, default shownDefault: String,
        valueName: String, expected: String = "a value", quotable: Bool = true,
        check: @escaping @Sendable (String) -> String? = { _ in nil }
    ) -> Setting<String> {
        Setting(
            key: key, variable: variable, flag: flag, help: help, default: shownDefault, valueName: valueName,
            expected: expected, quotable: quotable, read: { $0 }, check: check)
    }
}

extension Setting where Value: LosslessStringConvertible & Comparable {
    /// A number within `range`.
    static func number(
        key: String?, variable: String?, flag: String?, help: String, default shownDefault: String,
        in range: ClosedRange<Value>, shownRange: String
    ) -> Setting<Value> {
        Setting(
            key: key, variable: variable, flag: flag, help: help, default: shownDefault, valueName: "n",
            expected: Value.self == Int.self ? "a whole number" : "a number", read: { Value($0) },
            check: { range.contains($0) ? nil : "is out of range: use \(shownRange)" })
    }
}
