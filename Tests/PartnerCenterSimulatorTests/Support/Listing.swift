import Foundation
import PartnerCenterSimulator
import TestSupport
import Testing

/// Test-side JSON helpers and a pager that follows `@odata.nextLink`s over real HTTP.
enum JSON {
    static func object(_ bytes: [UInt8]) throws -> [String: Any] {
        let value = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        guard let object = value as? [String: Any] else { throw Failure("not a JSON object") }
        return object
    }

    /// Every referral in `GET /admin/referrals`, parsed.
    static func allReferrals(_ simulator: PartnerCenterSimulator) async throws -> [[String: Any]] {
        let response = try await LoopbackHTTPClient.send("GET", simulator.baseURL + "/admin/referrals")
        return try object(response.body)["value"] as? [[String: Any]] ?? []
    }
}

struct Failure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// The outcome of paging through a listing.
struct Listing {
    var referrals: [[String: Any]] = []
    var pages = 0
    var count: Int?
    var nextLinks: [String] = []
    var ids: [String] { referrals.compactMap { $0["id"] as? String } }
}

/// Pages from `query` (already encoded, e.g. `$filter=...`) through every nextLink.
func listAll(_ simulator: PartnerCenterSimulator, _ query: String, maxPages: Int = 10_000) async throws -> Listing {
    var listing = Listing()
    var url: String? = simulator.baseURL + "/v1.0/engagements/referrals" + (query.isEmpty ? "" : "?" + query)
    while let current = url, listing.pages < maxPages {
        let response = try await LoopbackHTTPClient.send(
            "GET", current, headers: [("Authorization", "Bearer \(simulatorTestToken)")])
        guard response.status == 200 else {
            throw Failure("status \(response.status) for \(current): \(String(decoding: response.body, as: UTF8.self))")
        }
        let page = try JSON.object(response.body)
        listing.pages += 1
        listing.count = listing.count ?? (page["@odata.count"] as? Int)
        listing.referrals += page["value"] as? [[String: Any]] ?? []
        url = page["@odata.nextLink"] as? String
        if let url { listing.nextLinks.append(url) }
    }
    return listing
}

/// `text` percent-encoded for a query value.
func enc(_ text: String) -> String { PartnerCenterSimulator.formEncode(text) }

/// An independent ISO 8601 parser for tests: 100-ns ticks since the epoch (0–7 fractional digits, `Z`).
func ticks(_ text: String) -> Int64? {
    let parts = text.split(separator: "T")
    guard parts.count == 2, text.hasSuffix("Z") else { return nil }
    let date = parts[0].split(separator: "-").compactMap { Int($0) }
    let timeAndFraction = parts[1].dropLast().split(separator: ".", omittingEmptySubsequences: false)
    let time = timeAndFraction[0].split(separator: ":").compactMap { Int($0) }
    guard date.count == 3, time.count == 3 else { return nil }
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
    guard let day = calendar.date(from: DateComponents(year: date[0], month: date[1], day: date[2])) else { return nil }
    var result = (Int64(day.timeIntervalSince1970) + Int64(time[0] * 3600 + time[1] * 60 + time[2])) * 10_000_000
    if timeAndFraction.count == 2 {
        let digits = String(timeAndFraction[1])
        guard (1...7).contains(digits.count), let fraction = Int64(digits) else { return nil }
        result += fraction * Int64(pow(10, Double(7 - digits.count)))
    }
    return result
}

/// The value at a `/` path of a parsed referral (nil for missing or JSON null).
func value(_ referral: [String: Any], _ path: String) -> Any? {
    var current: Any? = referral
    for key in path.split(separator: "/") { current = (current as? [String: Any])?[String(key)] }
    return current is NSNull ? nil : current
}
