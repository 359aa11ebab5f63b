extension ReferralGenerator {
    /// `details`: notes (up to a few KB, non-ASCII), deal value (number or numeric string), currency,
    /// closing date, requirements of the four kinds, and sometimes `additionalRequirements`.
    func details(createdAt created: Instant, using rng: inout SplitMix64) -> JSONObject {
        var d = JSONObject()
        switch rng.int(0..<20) {
        case 0: d["notes"] = .null
        case 1: break
        case 2:
            var long = ""
            while long.utf8.count < 2000 + rng.int(0...2000) { long += rng.pick(Catalogs.noteSentences) + " " }
            d["notes"] = .string(long)
        default:
            d["notes"] = .string(
                (0..<rng.int(1...3)).map { _ in rng.pick(Catalogs.noteSentences) }.joined(separator: " "))
        }
        if let deal = Self.dealValue(using: &rng) { d["dealValue"] = deal }
        d["currency"] = .string(rng.pick(Catalogs.currencies))
        if rng.chance(0.85) {
            let closing = created.adding(days: Int64(rng.int(30...180))).midnight
            d["closingDateTime"] = .string(closing.iso8601(fractionDigits: rng.chance(0.8) ? 0 : 7))
        } else {
            d["closingDateTime"] = .null
        }
        if rng.chance(0.05) {
            d["requirements"] = .null
        } else {
            d["requirements"] = .object(Self.requirements(using: &rng))
        }
        if rng.chance(0.2) {
            d["additionalRequirements"] = .object(
                JSONObject([
                    "iot": .object(JSONObject()),
                    "attributes": .array([
                        .object(
                            JSONObject(["id": .string("HaveNotDecided"), "type": .string("CustomerMarketplaceIntent")]))
                    ]),
                ]))
        }
        return d
    }

    /// A deal value: a JSON number (`50000`, `10000.50`) or a numeric string (`"10000.50"`); rarely null or absent.
    static func dealValue(using rng: inout SplitMix64) -> JSONValue? {
        let whole = rng.int(0...500) * 1000 + (rng.chance(0.3) ? rng.int(0...999) : 0)
        let text = rng.chance(0.4) ? "\(whole).\(String(rng.int(0...99)).leftPadded(2))" : "\(whole)"
        switch rng.int(0..<20) {
        case 0: return nil
        case 1: return .null
        case 2..<8: return .string(text)
        default: return .number(text)
        }
    }

    /// 0–4 distinct items of each kind from the documented catalogs.
    static func requirements(using rng: inout SplitMix64) -> JSONObject {
        func tags(_ catalog: [String]) -> JSONValue {
            var ids = catalog
            ids.shuffle(using: &rng)
            return .array(ids.prefix(rng.int(0...4)).map { .object(JSONObject(["id": .string($0)])) })
        }
        var q = JSONObject()
        q["industries"] = tags(Catalogs.industries)
        q["products"] = tags(Catalogs.products)
        q["services"] = tags(Catalogs.services)
        let count = rng.int(0...4)
        var solutions: [String] = Catalogs.categorySolutions.map(\.id) + Catalogs.namedSolutions.map(\.0)
        solutions.shuffle(using: &rng)
        q["solutions"] = .array(solutions.prefix(count).map(solution))
        return q
    }

    /// The solution tag for `id`, always the same for the same id.
    static func solution(_ id: String) -> JSONValue {
        guard let named = Catalogs.namedSolutions.first(where: { $0.0 == id }) else {
            let name = Catalogs.categorySolutions.first { $0.id == id }?.name ?? id
            return .object(JSONObject(["id": .string(id), "name": .string(name), "type": .string("Category")]))
        }
        if id == "SOL-Microsoft365" { return .object(JSONObject(["id": .string(id), "name": .string(named.1)])) }
        return .object(
            JSONObject([
                "id": .string(id), "name": .string(named.1), "type": .string("Name"),
                "publisherName": .string(named.2), "solutionType": .string("3P"),
            ]))
    }
}
