import Foundation

/// What each analyst view must show for the simulator's referrals, computed from their JSON with plain Swift,
/// as rows of `|`-joined text in the order the tests select the view's columns.
struct AnalystExpected {
    var overview: Set<String> = []
    var inboundCoSell: [String] = []
    var awaitingResponse: [String] = []
    var outboundBySeller: Set<String> = []
    var sla: Set<String> = []
    var funnel: Set<String> = []
    var winRate: Set<String> = []
    var dealValue: Set<String> = []
    var sellers: Set<String> = []

    static let kinds = [
        ("solutions", "solution"), ("products", "product"), ("industries", "industry"), ("services", "service"),
    ]
    static let day: Int64 = 86_400_000_000
    static let hour: Int64 = 3_600_000_000

    init(_ referrals: [[String: Any]], asOf: String) {
        let now = SimulatorJSON.micros(asOf) ?? 0
        var funnelCounts: [String: [Int]] = [:]
        var winCounts: [String: (won: Int, lost: Int)] = [:]
        var values: [String: (open: Int, openSum: Decimal, won: Int, wonSum: Decimal)] = [:]
        var sellerRows: [String: [[String: Any]]] = [:]
        var inbound: [(Int64, String)] = []
        var awaiting: [(Int64, String)] = []
        for r in referrals {
            let id = r["id"] as? String ?? ""
            let status = r["status"] as? String ?? "", substatus = r["substatus"] as? String ?? ""
            let type = r["type"] as? String ?? "", direction = r["direction"] as? String ?? ""
            let qualification = r["qualification"] as? String ?? ""
            let created = SimulatorJSON.micros(SimulatorJSON.string(r, "createdDateTime")) ?? 0
            let updated = SimulatorJSON.micros(SimulatorJSON.string(r, "updatedDateTime")) ?? 0
            let expires = SimulatorJSON.micros(SimulatorJSON.string(r, "expirationDateTime"))
            let isOpen = status == "New" || status == "Active"
            let deal = SimulatorJSON.dealValue(r)
            let currency = SimulatorJSON.string(r, "details", "currency") ?? ""
            let lists = Self.kinds.map { kind, _ in
                SimulatorJSON.requirements(r, kind).map { item in
                    kind == "solutions"
                        ? (item["name"] as? String ?? item["id"] as? String ?? "") : (item["id"] as? String ?? "")
                }.joined(separator: ", ")
            }
            let partner = SimulatorJSON.members(r, partner: true)
            let daysOpen: Int64 = Self.floorDiv((isOpen ? now : updated) - created, Self.day)
            var cells: [String] = [id, Self.category(r), String(daysOpen), String(partner.count)]
            cells.append(String(SimulatorJSON.members(r, partner: false).count))
            cells += lists
            cells.append(isOpen ? "t" : "f")
            overview.insert(cells.joined(separator: "|"))
            if type == "Shared" && direction == "Incoming" { inbound.append((created, id)) }
            if direction == "Incoming" && substatus == "Pending" { awaiting.append((created, id)) }
            if status == "Active" && direction == "Outgoing" && type == "Shared" {
                for member in partner {
                    if let email = member["email"] as? String { outboundBySeller.insert("\(email.lowercased())|\(id)") }
                }
            }
            if direction == "Incoming" && status == "New" {
                sla.insert(
                    "\(id)|\(expires.map { Self.fixed($0 - now, Self.hour, places: 1) } ?? "")|\(Self.bucket(expires, now))"
                )
            }
            let month = SimulatorJSON.periodStart(created, quarter: false)
            let key = [month, direction, type, qualification].joined(separator: "|")
            var counts = funnelCounts[key] ?? Array(repeating: 0, count: 8)
            let flags = [
                true, status == "New", status == "Active" || substatus == "Won" || substatus == "Lost",
                status == "Active",
                substatus == "Won", substatus == "Lost", substatus == "Declined", substatus == "Expired",
            ]
            for (index, flag) in flags.enumerated() where flag { counts[index] += 1 }
            funnelCounts[key] = counts
            if substatus == "Won" || substatus == "Lost" {
                let quarter = SimulatorJSON.periodStart(created, quarter: true)
                var codes = SimulatorJSON.requirements(r, "solutions").compactMap { $0["id"] as? String }
                if codes.isEmpty { codes = [""] }
                for code in codes {
                    let key = [quarter, qualification, direction, code].joined(separator: "|")
                    var tally = winCounts[key] ?? (0, 0)
                    if substatus == "Won" { tally.won += 1 } else { tally.lost += 1 }
                    winCounts[key] = tally
                }
            }
            for (array, kind) in Self.kinds {
                for item in SimulatorJSON.requirements(r, array) {
                    let key = "\(kind)|\(item["id"] as? String ?? "")|\(currency)"
                    var tally = values[key] ?? (0, 0, 0, 0)
                    if isOpen {
                        tally.open += 1
                        tally.openSum += deal ?? 0
                    }
                    if substatus == "Won" {
                        tally.won += 1
                        tally.wonSum += deal ?? 0
                    }
                    values[key] = tally
                }
            }
            var emails = Set<String>()
            for member in partner {
                guard let email = (member["email"] as? String)?.lowercased(), emails.insert(email).inserted else {
                    continue
                }
                sellerRows[email, default: []].append(r)
            }
        }
        inboundCoSell = inbound.sorted { $0.0 != $1.0 ? $0.0 > $1.0 : $0.1 < $1.1 }.map(\.1)
        awaitingResponse = awaiting.sorted { $0.0 != $1.0 ? $0.0 > $1.0 : $0.1 < $1.1 }.map(\.1)
        funnel = Set(funnelCounts.map { "\($0.key)|\($0.value.map(String.init).joined(separator: "|"))" })
        winRate = Set(
            winCounts.map { key, tally in
                "\(key)|\(tally.won)|\(tally.lost)|\(Self.fixed(Int64(tally.won), Int64(tally.won + tally.lost), places: 4))"
            })
        dealValue = Set(
            values.map { key, tally in
                Self.valueRow(
                    key.split(separator: "|", omittingEmptySubsequences: false).map(String.init) + [
                        String(tally.open), "\(tally.openSum)", String(tally.won), "\(tally.wonSum)",
                    ])
            })
        sellers = Set(sellerRows.map { email, referrals in Self.seller(email, referrals) })
    }

    /// Normalises a deal_value_by_requirement row: kind, code, currency, counts, and sums as exact decimals.
    static func valueRow(_ row: [String]) -> String {
        row.enumerated().map { index, text in
            index == 4 || index == 6 ? "\(Decimal(string: text) ?? -1)" : text
        }.joined(separator: "|")
    }

    static func seller(_ email: String, _ referrals: [[String: Any]]) -> String {
        let status = { (r: [String: Any]) in r["status"] as? String ?? "" }
        let open = referrals.filter { status($0) == "New" || status($0) == "Active" }
        var sums: [String: Decimal] = [:]
        for r in open {
            guard let deal = SimulatorJSON.dealValue(r) else { continue }
            sums[SimulatorJSON.string(r, "details", "currency") ?? "?", default: 0] += deal
        }
        let pending = referrals.filter { status($0) == "New" }.map {
            (SimulatorJSON.micros(SimulatorJSON.string($0, "createdDateTime")) ?? 0, $0["id"] as? String ?? "")
        }.min { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        return [
            email, String(referrals.count), String(open.count), String(referrals.filter { status($0) == "New" }.count),
            String(referrals.filter { status($0) == "Active" }.count),
            sums.keys.sorted().map { "\($0)=\(sums[$0] ?? 0)" }.joined(separator: ","), pending?.1 ?? "",
        ].joined(separator: "|")
    }

    /// status_timeline rows: `referral|step|status|substatus|is_current|hours`. The warehouse records a status
    /// each time a loaded version shows a new one: the first run's version, then the mutated one if it moved.
    static func timeline(before: [[String: Any]], after: [[String: Any]], asOf: String) -> Set<String> {
        let now = SimulatorJSON.micros(asOf) ?? 0
        let old = Dictionary(before.map { ($0["id"] as? String ?? "", $0) }, uniquingKeysWith: { a, _ in a })
        var rows = Set<String>()
        for r in after {
            let id = r["id"] as? String ?? ""
            let pair = { (r: [String: Any]) in "\(r["status"] as? String ?? "")|\(r["substatus"] as? String ?? "")" }
            let updated = { (r: [String: Any]) in SimulatorJSON.micros(SimulatorJSON.string(r, "updatedDateTime")) ?? 0
            }
            if let first = old[id], pair(first) != pair(r) {
                rows.insert("\(id)|1|\(pair(first))|f|\(fixed(updated(r) - updated(first), hour, places: 1))")
                rows.insert("\(id)|2|\(pair(r))|t|\(fixed(now - updated(r), hour, places: 1))")
            } else {
                rows.insert("\(id)|1|\(pair(r))|t|\(fixed(now - updated(old[id] ?? r), hour, places: 1))")
            }
        }
        return rows
    }

    static func category(_ r: [String: Any]) -> String {
        let type = r["type"] as? String, qualification = r["qualification"] as? String
        let invitedBy = SimulatorJSON.string(r, "inviteContext", "invitedBy", "organizationId")
        if type == "Independent" && qualification == "Direct" && (invitedBy == "msft" || invitedBy == nil) {
            return "Marketplace lead"
        }
        if type == "Independent" && (qualification == "SalesQualified" || qualification == "MarketingQualified")
            && invitedBy == "msft"
        {
            return "Qualified lead"
        }
        if qualification == "SalesQualified" || qualification == "None" { return "Co-sell opportunity" }
        return "Other"
    }

    static func bucket(_ expires: Int64?, _ now: Int64) -> String {
        guard let expires else { return "no deadline" }
        if expires <= now { return "expired" }
        if expires < now + 24 * hour { return "under 24 h" }
        if expires < now + 3 * day { return "under 3 days" }
        return "later"
    }

    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 { a >= 0 ? a / b : -((-a + b - 1) / b) }

    /// `numerator / denominator` rounded half away from zero to `places` decimals, as PostgreSQL prints it.
    static func fixed(_ numerator: Int64, _ denominator: Int64, places: Int) -> String {
        var scale: Int64 = 1
        for _ in 0..<places { scale *= 10 }
        var exact = Decimal(numerator) * Decimal(scale) / Decimal(denominator)
        var rounded = Decimal()
        NSDecimalRound(&rounded, &exact, 0, .plain)
        let units = (rounded as NSDecimalNumber).int64Value
        let sign = units < 0 ? "-" : ""
        let whole = abs(units) / scale, fraction = String(abs(units) % scale)
        return "\(sign)\(whole).\(String(repeating: "0", count: places - fraction.count))\(fraction)"
    }

    /// `YYYY-MM-DDTHH:MM:SS.ffffffZ` of microseconds since 1970.
    static func isoText(_ micros: Int64) -> String {
        let date = Date(timeIntervalSince1970: TimeInterval(floorDiv(micros, 1_000_000)))
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        let seconds = formatter.string(from: date).dropLast()
        return "\(seconds).\(String(format: "%06lld", micros - floorDiv(micros, 1_000_000) * 1_000_000))Z"
    }
}
