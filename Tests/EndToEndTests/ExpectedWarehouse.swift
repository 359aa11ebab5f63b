import Foundation
import PartnerCenterSimulator
import PostgresLoad

/// What the warehouse must hold for a set of referrals, computed independently from their JSON (with
/// `JSONSerialization`, not the exporter's decoder), and the same facts read back from the warehouse.
struct ExpectedWarehouse: Equatable {
    /// `referral id|side|position|email`.
    var teamMembers: Set<String> = []
    /// `referral id|kind|code`.
    var bridges: Set<String> = []
    /// `kind|code`.
    var requirements: Set<String> = []
    /// `normalized name|COUNTRY|postal`.
    var customers: Set<String> = []

    static let kinds = [
        ("industries", "industry"), ("products", "product"), ("services", "service"),
        ("solutions", "solution"),
    ]

    /// The simulator's current data: every referral as a JSON object.
    static func referrals(of simulator: PartnerCenterSimulator) throws -> [[String: Any]] {
        let data = try JSONSerialization.jsonObject(with: simulator.allReferralsJSON()) as? [String: Any]
        return (data?["value"] as? [[String: Any]]) ?? []
    }

    init() {}

    init(referrals: [[String: Any]]) {
        for referral in referrals {
            let id = referral["id"] as? String ?? ""
            let profile = referral["customerProfile"] as? [String: Any]
            for (side, members) in [("partner", referral["team"]), ("customer", profile?["team"])] {
                for (position, member) in ((members as? [[String: Any]]) ?? []).enumerated() {
                    teamMembers.insert("\(id)|\(side)|\(position)|\(member["email"] as? String ?? "")")
                }
            }
            let details = referral["details"] as? [String: Any]
            let requirements = details?["requirements"] as? [String: Any]
            for (array, kind) in Self.kinds {
                for item in (requirements?[array] as? [[String: Any]]) ?? [] {
                    guard let code = item["id"] as? String, !Self.collapse(code).isEmpty else { continue }
                    self.requirements.insert("\(kind)|\(code)")
                    bridges.insert("\(id)|\(kind)|\(code)")
                }
            }
            if let name = profile?["name"] as? String, !Self.collapse(name).isEmpty {
                let address = profile?["address"] as? [String: Any]
                customers.insert(
                    [
                        Self.collapse(name).lowercased(),
                        Self.collapse(address?["country"] as? String ?? "").uppercased(),
                        Self.collapse(address?["postalCode"] as? String ?? "").lowercased(),
                    ].joined(separator: "|"))
            }
        }
    }

    /// Trimmed, inner whitespace runs collapsed to one space, canonically composed.
    static func collapse(_ text: String) -> String {
        text.precomposedStringWithCanonicalMapping.components(separatedBy: .whitespacesAndNewlines)
            .filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// The same facts read from the warehouse in `schema` (customers by the attributes the key is made of).
    static func read(_ db: LibPQConnection, _ schema: SchemaName) throws -> ExpectedWarehouse {
        var stored = ExpectedWarehouse()
        func set(_ sql: String) throws -> Set<String> {
            Set(try db.execute(sql).rows.map { $0.map { $0 ?? "" }.joined(separator: "|") })
        }
        stored.teamMembers = try set(
            "SELECT referral_id, side, position, coalesce(email, '') FROM \(schema.table("referral_team_members"))")
        stored.bridges = try set(
            "SELECT b.referral_id, r.kind, r.code FROM \(schema.table("referral_requirements")) b "
                + "JOIN \(schema.table("requirements")) r USING (requirement_key)")
        stored.requirements = try set("SELECT kind, code FROM \(schema.table("requirements"))")
        stored.customers = Set(
            try db.execute("SELECT name, country, postal_code FROM \(schema.table("customers"))").rows.map { row in
                [
                    collapse(row[0] ?? "").lowercased(), collapse(row[1] ?? "").uppercased(),
                    collapse(row[2] ?? "").lowercased(),
                ].joined(separator: "|")
            })
        return stored
    }

    /// A digest of every warehouse table without the columns that name a run or a wall-clock time, so two
    /// warehouses loaded from the same data by different runs compare equal.
    static func fingerprint(_ db: LibPQConnection, _ schema: SchemaName) throws -> [String: String] {
        let volatile = ["run_id", "loaded_at", "first_seen_at", "last_seen_at", "raw_digest", "recorded_at", "id"]
        var digests: [String: String] = [:]
        for table in [
            "referrals", "customers", "requirements", "referral_requirements", "referral_team_members",
            "referral_status_history",
        ] {
            // referrals.id is the referral's own id, kept; the history's id is a sequence, dropped.
            let dropped = (table == "referrals" ? volatile.dropLast() : volatile[...]).map { "'\($0)'" }
            // One md5 per row, sorted bytewise: the multiset of rows, without sorting megabytes of JSON by locale.
            digests[table] = try db.execute(
                "SELECT count(*) || ':' || coalesce(md5(string_agg(h, '' ORDER BY h COLLATE \"C\")), '') FROM "
                    + "(SELECT md5((to_jsonb(t) - ARRAY[\(dropped.joined(separator: ", "))])::text) AS h "
                    + "FROM \(schema.table(table)) t) rows"
            ).scalar
        }
        return digests
    }
}
