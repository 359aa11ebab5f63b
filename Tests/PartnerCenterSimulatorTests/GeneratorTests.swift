import Foundation
import PartnerCenterSimulator
import TestSupport
import Testing

@Suite("Generated data")
struct GeneratorTests {
    static func referrals(_ count: Int, seed: UInt64 = 42) throws -> [[String: Any]] {
        let sim = PartnerCenterSimulator(configuration: SimulatorConfiguration(referralCount: count, seed: seed))
        return try JSON.object(Array(sim.allReferralsJSON()))["value"] as? [[String: Any]] ?? []
    }

    nonisolated(unsafe) static let data: [[String: Any]] = (try? referrals(2000)) ?? []

    @Test("deterministic for a seed, different across seeds")
    func deterministic() {
        let a = PartnerCenterSimulator(configuration: SimulatorConfiguration(referralCount: 300, seed: 9))
            .allReferralsJSON()
        let b = PartnerCenterSimulator(configuration: SimulatorConfiguration(referralCount: 300, seed: 9))
            .allReferralsJSON()
        let c = PartnerCenterSimulator(configuration: SimulatorConfiguration(referralCount: 300, seed: 10))
            .allReferralsJSON()
        #expect(a == b)
        #expect(a != c)
    }

    @Test("status and substatus always obey the transition table; times are consistent")
    func statuses() {
        let allowed = [
            "New": ["Pending", "Received"], "Active": ["Accepted"], "Closed": ["Won", "Lost", "Declined", "Expired"],
        ]
        #expect(Self.data.count == 2000)
        for r in Self.data {
            let status = r["status"] as? String ?? "", substatus = r["substatus"] as? String ?? ""
            #expect(allowed[status]?.contains(substatus) == true, "\(status)/\(substatus)")
            let created = ticks(r["createdDateTime"] as? String ?? "") ?? .max
            let updated = ticks(r["updatedDateTime"] as? String ?? "") ?? .min
            #expect(created <= updated)
            if let accepted = (r["acceptedDateTime"] as? String).flatMap(ticks) {
                #expect(created <= accepted && accepted <= updated)
            }
            if status == "New", substatus == "Pending" {
                let expiration = ticks(r["expirationDateTime"] as? String ?? "") ?? 0
                let fourteen = created + 14 * 86_400 * 10_000_000
                #expect(expiration == fourteen || expiration == fourteen - fourteen % (86_400 * 10_000_000))
            }
            #expect(r["links"] is [String: Any] && r["eTag"] is String)
        }
        let times = Self.data.compactMap { ticks($0["createdDateTime"] as? String ?? "") }
        #expect((times.max() ?? 0) - (times.min() ?? 0) > 700 * 86_400 * 10_000_000)
        for pair in allowed.flatMap({ s in s.value.map { (s.key, $0) } }) {
            #expect(Self.data.contains { $0["status"] as? String == pair.0 && $0["substatus"] as? String == pair.1 })
        }
    }

    @Test("every documented enum value and shape quirk is present")
    func quirks() {
        let d = Self.data
        for (key, values) in [
            ("direction", ["Incoming", "Outgoing"]), ("type", ["Independent", "Shared"]),
            ("qualification", ["None", "Direct", "MarketingQualified", "SalesQualified"]),
        ] {
            #expect(Set(d.compactMap { $0[key] as? String }) == Set(values))
        }
        let ids = d.map { value($0, "customerProfile/ids") }
        #expect(ids.contains { ($0 as? [String: Any])?.isEmpty == true })
        #expect(ids.contains { ($0 as? [Any])?.isEmpty == true })
        #expect(ids.contains { (($0 as? [[String: Any]])?.first?["profileType"] as? String) == "Duns" })
        let deals = d.map { value($0, "details/dealValue") }
        #expect(deals.contains { $0 is String && ($0 as? String)?.contains(".") == true })
        #expect(deals.contains { !($0 is String) && $0 is NSNumber })
        let stamps: [String] = d.flatMap { r in ["createdDateTime", "updatedDateTime"].compactMap { r[$0] as? String } }
        let digits = Set(
            stamps.map {
                $0.split(separator: ".").count == 1 ? 0 : $0.split(separator: ".")[1].count - 1
            })
        #expect(digits.isSuperset(of: [0, 3, 7]))
        #expect(d.contains { value($0, "inviteContext/invitedBy/organizationId") as? String == "msft" })
        for key in ["inviteContext", "expirationDateTime", "consent", "acceptedDateTime"] {
            #expect(d.contains { $0.keys.contains(key) && $0[key] is NSNull }, "null \(key)")
            #expect(d.contains { !$0.keys.contains(key) }, "absent \(key)")
        }
        let notes = d.compactMap { value($0, "details/notes") as? String }
        #expect(notes.contains { $0.contains("é") } && notes.contains { $0.contains("ü") })
        #expect(notes.contains { $0.unicodeScalars.contains { (0x3040...0x30FF).contains($0.value) } })
        #expect(notes.contains { $0.unicodeScalars.contains { $0.properties.isEmojiPresentation } })
        #expect((notes.map(\.utf8.count).max() ?? 0) > 2000)
        #expect(Set(d.map { ($0["team"] as? [Any])?.count ?? 0 }) == Set(0...6))
        #expect(Set(d.map { (value($0, "customerProfile/team") as? [Any])?.count ?? 0 }) == Set(0...2))
        let solutions = d.flatMap { value($0, "details/requirements/solutions") as? [[String: Any]] ?? [] }
        #expect(
            solutions.contains { $0["id"] is String && $0["name"] is String && $0["type"] as? String == "Category" })
        for kind in ["industries", "products", "services"] {
            #expect(Set(d.map { (value($0, "details/requirements/\(kind)") as? [Any])?.count ?? 0 }) == Set(0...4))
        }
    }

    @Test("customers come from a smaller pool, consistently, in many countries")
    func customers() {
        let byName = Dictionary(grouping: Self.data) { value($0, "customerProfile/name") as? String ?? "" }
        #expect(byName.count <= 500 && byName.count > 300)
        for (_, group) in byName {
            let addresses = Set(
                group.map { r in
                    (value(r, "customerProfile/address") as? [String: String] ?? [:]).sorted { $0.key < $1.key }.map {
                        "\($0.key)=\($0.value)"
                    }
                })
            #expect(addresses.count == 1)
        }
        let countries = Set(Self.data.compactMap { value($0, "customerProfile/address/country") as? String })
        #expect(countries.count >= 20)
        #expect(countries.allSatisfy { $0.count == 2 && $0.uppercased() == $0 })
    }

    @Test("solution names read as words: the ids glue them, the names do not")
    func solutionNames() {
        var names: [String: String] = [:]
        for referral in Self.data {
            for item in (value(referral, "details/requirements/solutions") as? [[String: Any]]) ?? [] {
                names[item["id"] as? String ?? ""] = item["name"] as? String
            }
        }
        #expect(names["DynamicsonAzure"] == "Dynamics on Azure")
        #expect(names["Dynamics365forSales"] == "Dynamics 365 for Sales")
        #expect(names["InternetofThings"] == "Internet of Things")
        #expect(names["SQLServerUpgrade"] == "SQL Server Upgrade")
        // No name keeps a word glued to a connector, as the ids do.
        let gluedForms = [
            "Dynamicson", "Databaseon", "Developmentand", "Identityand", "Internetof", "Migrationto", "SAPon",
            "Redhaton", "Sharepointon", "365for",
        ]
        let glued = names.values.filter { name in gluedForms.contains { name.contains($0) } }
        #expect(glued.isEmpty, "\(glued)")
    }
}
