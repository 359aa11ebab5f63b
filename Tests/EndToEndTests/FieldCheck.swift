import Foundation
import PartnerCenter
import PostgresLoad
import Testing

/// Compares one referral's `referrals` row with its JSON, field by field.
enum FieldCheck {
    /// column → JSON path, for the text columns.
    static let texts: [(String, [String])] = [
        ("engagement_id", ["engagementId"]), ("organization_id", ["organizationId"]),
        ("organization_name", ["organizationName"]), ("name", ["name"]),
        ("external_reference_id", ["externalReferenceId"]), ("status", ["status"]), ("substatus", ["substatus"]),
        ("status_reason", ["statusReason"]), ("type", ["type"]), ("qualification", ["qualification"]),
        ("direction", ["direction"]), ("currency", ["details", "currency"]), ("notes", ["details", "notes"]),
    ]
    /// column → JSON path, for the timestamp columns.
    static let times: [(String, [String])] = [
        ("created_at", ["createdDateTime"]), ("updated_at", ["updatedDateTime"]),
        ("expires_at", ["expirationDateTime"]), ("accepted_at", ["acceptedDateTime"]),
        ("closing_at", ["details", "closingDateTime"]),
    ]

    static func value(_ referral: [String: Any], _ path: [String]) -> Any? {
        var current: Any? = referral
        for key in path { current = (current as? [String: Any])?[key] }
        return current is NSNull ? nil : current
    }

    static func compare(
        _ referral: [String: Any], _ db: LibPQConnection, _ schema: SchemaName,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let id = try #require(referral["id"] as? String)
        let columns =
            texts.map(\.0)
            + times.map { "to_char(\($0.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')" }
            + ["deal_value::text", "raw::text", "customer_key IS NOT NULL"]
        let result = try db.execute(
            "SELECT \(columns.joined(separator: ", ")) FROM \(schema.table("referrals")) WHERE id = $1", [id])
        let row = try #require(result.rows.first, "referral \(id) not loaded", sourceLocation: sourceLocation)
        for (index, (column, path)) in texts.enumerated() {
            #expect(row[index] == value(referral, path) as? String, "\(id).\(column)", sourceLocation: sourceLocation)
        }
        for (offset, (column, path)) in times.enumerated() {
            let expected = (value(referral, path) as? String).flatMap(Timestamp.init(parsing:))?.postgresText
            #expect(row[texts.count + offset] == expected, "\(id).\(column)", sourceLocation: sourceLocation)
        }
        let base = texts.count + times.count
        let deal = value(referral, ["details", "dealValue"]).map { "\($0)" }.flatMap { Decimal(string: $0) }
        #expect(row[base].flatMap { Decimal(string: $0) } == deal, "\(id).deal_value", sourceLocation: sourceLocation)
        let raw = try JSONSerialization.jsonObject(with: Data((row[base + 1] ?? "").utf8)) as? [String: Any]
        #expect(
            raw.map { NSDictionary(dictionary: $0).isEqual(to: referral) } == true, "\(id).raw",
            sourceLocation: sourceLocation)
        let named = !ExpectedWarehouse.collapse(value(referral, ["customerProfile", "name"]) as? String ?? "").isEmpty
        #expect(row[base + 2] == (named ? "t" : "f"), "\(id).customer_key", sourceLocation: sourceLocation)
    }
}
