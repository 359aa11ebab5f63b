import Foundation
import PostgresLoad
import Testing

/// Checks that a referral was stored exactly: its `referrals` row against an independent reading of the JSON
/// text the server sent (Foundation's `JSONSerialization` for text, PostgreSQL's own `jsonb` for the money
/// and the raw document, and a timestamp reading written here), never the exporter's decoder.
enum StoredRecordCheck {
    /// Compares the stored row of the referral whose JSON text is `json`; returns its id.
    @discardableResult
    static func compare(
        json: String, _ db: LibPQConnection, _ schema: SchemaName, label: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> String? {
        guard let referral = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
            let id = referral["id"] as? String
        else {
            Issue.record(
                "\(label): Foundation cannot read the record, so it cannot be checked as stored",
                sourceLocation: sourceLocation)
            return nil
        }
        let columns =
            FieldCheck.texts.map(\.0)
            + FieldCheck.times.map { "to_char(\($0.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')" }
            + [
                "deal_value IS NOT DISTINCT FROM nullif(btrim($2::jsonb #>> '{details,dealValue}'), '')::numeric",
                "raw = $2::jsonb",
            ]
        let result = try db.execute(
            "SELECT \(columns.joined(separator: ", ")) FROM \(schema.table("referrals")) WHERE id = $1", [id, json])
        guard let row = result.rows.first else {
            Issue.record("\(label): referral \(id) was not stored", sourceLocation: sourceLocation)
            return id
        }
        for (index, (column, path)) in FieldCheck.texts.enumerated() {
            let expected = FieldCheck.value(referral, path) as? String
            #expect(row[index] == expected, "\(label): \(column)", sourceLocation: sourceLocation)
        }
        for (offset, (column, path)) in FieldCheck.times.enumerated() {
            let expected = (FieldCheck.value(referral, path) as? String).flatMap(microsecondUTC)
            #expect(
                row[FieldCheck.texts.count + offset] == expected, "\(label): \(column)", sourceLocation: sourceLocation)
        }
        let base = FieldCheck.texts.count + FieldCheck.times.count
        #expect(row[base] == "t", "\(label): deal_value differs from the JSON's", sourceLocation: sourceLocation)
        #expect(row[base + 1] == "t", "\(label): raw differs from the text sent", sourceLocation: sourceLocation)
        return id
    }

    /// An ISO 8601 date-time read independently: `YYYY-MM-DDTHH:MM:SS[.fraction][Z|±HH:MM]`, no zone meaning
    /// UTC, blank meaning absent, the fraction cut to microseconds; as `YYYY-MM-DDTHH:MM:SS.ffffffZ` in UTC.
    static func microsecondUTC(_ text: String) -> String? {
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return nil }
        let pattern = #"^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})?$"#
        guard let regex = try? NSRegularExpression(pattern: pattern),
            let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text))
        else { return text }
        func group(_ index: Int) -> String? {
            Range(match.range(at: index), in: text).map { String(text[$0]) }
        }
        var components = DateComponents()
        components.timeZone = TimeZone(identifier: "UTC")
        components.year = Int(group(1) ?? "")
        components.month = Int(group(2) ?? "")
        components.day = Int(group(3) ?? "")
        components.hour = Int(group(4) ?? "")
        components.minute = Int(group(5) ?? "")
        components.second = Int(group(6) ?? "")
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        guard var date = calendar.date(from: components) else { return text }
        if let zone = group(8), zone != "Z" {
            let sign = zone.hasPrefix("-") ? -1 : 1
            let parts = zone.dropFirst().split(separator: ":").compactMap { Int($0) }
            date = date.addingTimeInterval(Double(-sign * (parts[0] * 3600 + parts[1] * 60)))
        }
        let fraction = String((group(7) ?? "").prefix(6)).padding(toLength: 6, withPad: "0", startingAt: 0)
        let fields = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d.%@Z", fields.year ?? 0, fields.month ?? 0, fields.day ?? 0,
            fields.hour ?? 0, fields.minute ?? 0, fields.second ?? 0, fraction)
    }
}
