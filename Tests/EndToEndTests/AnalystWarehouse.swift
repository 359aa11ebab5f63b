import Foundation
import PartnerCenterSimulator
import PostgresLoad
import TestSupport
import Testing

/// The analyst-facing suites (views, SQL, report), one test at a time: they share one loaded warehouse, and
/// running them side by side (Chromium, pg_prove, the figures) starves the timing-sensitive tests of other suites
/// on a two-core machine.
@Suite("analysts end to end", .serialized)
enum AnalystEndToEnd {}

/// A warehouse loaded once per test process for the analyst-facing tests (views, pgTAP, the guide's queries,
/// the report): a full run over the simulator, a mutation, an incremental run, and the simulator's data as
/// JSON before and after the mutation, read with `JSONSerialization` (not the exporter's decoder).
struct AnalystWarehouse: Sendable {
    /// The schema the binary loaded.
    let schema: SchemaName
    /// Environment for the binary: `DATABASE_URL` and `REFERRALS_ETL_SCHEMA` (the simulator is stopped).
    let environment: [String: String]
    /// The simulator's data after the first run, as JSON text (`{"value":[...]}`).
    let beforeJSON: Data
    /// The simulator's data now, as JSON text.
    let afterJSON: Data
    /// The simulator's clock after the mutation: the "now" of this data set.
    let simulatedNow: String
    /// Ids the mutation changed.
    let changed: [String]
    /// How many referrals the simulator started with, and how many the mutation added.
    let initial: Int
    let arrivals: Int

    var before: [[String: Any]] { Self.referrals(beforeJSON) }
    var after: [[String: Any]] { Self.referrals(afterJSON) }

    static func referrals(_ data: Data) -> [[String: Any]] {
        let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        return (object?["value"] as? [[String: Any]]) ?? []
    }

    /// The shared warehouse, loaded on first use.
    static func shared() async throws -> AnalystWarehouse { try await loading.value }

    private static let loading = Task { try await load() }

    private static func load() async throws -> AnalystWarehouse {
        let token = "analyst-views-token"
        let initial = 1_200
        let arrivals = 40
        var configuration = SimulatorConfiguration(referralCount: initial, seed: 13, accessTokens: [token])
        configuration.threads = 1
        let simulator = PartnerCenterSimulator(configuration: configuration)
        _ = try await simulator.start()
        let schema = TestDatabase.freshSchema("analysts")
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = try TestDatabase.url()
        environment["REFERRALS_ETL_SCHEMA"] = schema.name
        var runEnvironment = environment
        runEnvironment["PARTNER_CENTER_API_BASE_URL"] = simulator.baseURL
        runEnvironment["PARTNER_CENTER_ACCESS_TOKEN"] = token
        do {
            let binary = BinaryRunner(environment: runEnvironment)
            let first = try binary.run(["run"])
            guard first.status == 0 else { throw LoadFailure(stderr: first.stderr) }
            let before = simulator.allReferralsJSON()
            let mutation = simulator.mutate(count: 150, new: arrivals)
            let second = try binary.run(["run"])
            guard second.status == 0 else { throw LoadFailure(stderr: second.stderr) }
            let after = simulator.allReferralsJSON()
            try await simulator.stop()
            return AnalystWarehouse(
                schema: schema, environment: environment, beforeJSON: before, afterJSON: after,
                simulatedNow: mutation.now, changed: mutation.changed, initial: initial, arrivals: arrivals)
        } catch {
            try? await simulator.stop()
            throw error
        }
    }

    struct LoadFailure: Error, CustomStringConvertible {
        var stderr: String
        var description: String { "loading the analyst warehouse failed: \(stderr.suffix(600))" }
    }
}

/// Reads the simulator's JSON independently of the exporter: timestamps, deal values, nested members.
enum SimulatorJSON {
    static func value(_ referral: [String: Any], _ path: String...) -> Any? {
        var current: Any? = referral
        for key in path { current = (current as? [String: Any])?[key] }
        return current is NSNull ? nil : current
    }

    static func string(_ referral: [String: Any], _ path: String...) -> String? {
        var current: Any? = referral
        for key in path { current = (current as? [String: Any])?[key] }
        return current as? String
    }

    /// Microseconds since 1970 of an ISO 8601 UTC timestamp with 0 to 7 fractional digits
    /// (`2024-05-01T10:00:00Z`, `…:00.1234567Z`), truncated to microseconds as the exporter stores it.
    static func micros(_ text: String?) -> Int64? {
        guard let text, text.count >= 20, text.hasSuffix("Z") else { return nil }
        let chars = Array(text.dropLast())
        func number(_ range: Range<Int>) -> Int? { Int(String(chars[range])) }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19)
        else { return nil }
        let fraction = String(((chars.count > 20 ? String(chars[20...]) : "") + "000000").prefix(6))
        guard let micros = Int64(fraction) else { return nil }
        let seconds = Int64(daysFromCivil(year, month, day)) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        return seconds * 1_000_000 + micros
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm: integers, no calendar).
    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * ((month + 9) % 12) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The year and month of a day counted from 1970-01-01 (the inverse of `daysFromCivil`).
    static func yearMonth(_ days: Int) -> (year: Int, month: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shifted = (5 * dayOfYear + 2) / 153
        let month = shifted < 10 ? shifted + 3 : shifted - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month)
    }

    /// The deal value as an exact decimal (JSON number or numeric string), nil when absent or null.
    static func dealValue(_ referral: [String: Any]) -> Decimal? {
        guard let raw = value(referral, "details", "dealValue") else { return nil }
        return Decimal(string: "\(raw)")
    }

    /// `YYYY-MM-01` of the UTC month, or of the quarter's first month, of a timestamp.
    static func periodStart(_ micros: Int64, quarter: Bool) -> String {
        let days = Int((micros - (micros % 86_400_000_000 + 86_400_000_000) % 86_400_000_000) / 86_400_000_000)
        let (year, month) = yearMonth(days)
        return String(format: "%04d-%02d-01", year, quarter ? (month - 1) / 3 * 3 + 1 : month)
    }

    /// Requirement items of `kind` (`solutions`, `products`, `industries`, `services`) in the API's order.
    static func requirements(_ referral: [String: Any], _ kind: String) -> [[String: Any]] {
        (value(referral, "details", "requirements", kind) as? [[String: Any]]) ?? []
    }

    /// Partner-side (`team`) or customer-side (`customerProfile.team`) members.
    static func members(_ referral: [String: Any], partner: Bool) -> [[String: Any]] {
        let list = partner ? value(referral, "team") : value(referral, "customerProfile", "team")
        return (list as? [[String: Any]]) ?? []
    }
}
