extension ReferralGenerator {
    /// Pool customer `index`: the same name, address, size and ids wherever it appears (no `team`).
    func customerProfile(_ index: Int) -> JSONObject {
        var rng = SplitMix64(seed: seed, stream: 0xC_0000_0000 &+ UInt64(index))
        let stems = Catalogs.companyStems, suffixes = Catalogs.companySuffixes
        var name = "\(stems[index % stems.count]) \(suffixes[(index / stems.count) % suffixes.count])"
        if index >= stems.count * suffixes.count { name += " \(index / (stems.count * suffixes.count) + 1)" }
        let place = rng.pick(Catalogs.places)
        var address = JSONObject()
        address["addressLine1"] = .string(
            "\(rng.int(1...9999)) \(rng.pick(["Main Street", "Hauptstraße", "Rue de la Paix", "Calle Mayor", "中央通り", "Market St"]))"
        )
        switch rng.int(0..<3) {
        case 0: address["addressLine2"] = .string("")
        case 1: address["addressLine2"] = .string("Suite \(rng.int(1...999))")
        default: break
        }
        address["city"] = .string(place.city)
        address["state"] = .string(place.state)
        address["postalCode"] = .string(place.postal)
        address["country"] = .string(place.country)
        if rng.chance(0.6) { address["region"] = .string(place.region) }
        var profile = JSONObject()
        profile["name"] = .string(name)
        profile["address"] = .object(address)
        profile["size"] = .string(rng.pick(Catalogs.sizes))
        switch index % 3 {
        case 0: profile["ids"] = .object(JSONObject())
        case 1: profile["ids"] = .array([])
        default:
            var ids: [JSONValue] = [
                .object(
                    JSONObject([
                        "profileType": .string("Duns"), "id": .string(String(rng.int(100_000_000...999_999_999))),
                    ]))
            ]
            if rng.chance(0.5) {
                ids.append(.object(JSONObject(["profileType": .string("External"), "id": .string("CUST-\(index)")])))
            }
            profile["ids"] = .array(ids)
        }
        return profile
    }

    /// A team member; `contactPreference` is absent one time in five (as in the PATCH examples).
    static func member(using rng: inout SplitMix64, domain: String) -> JSONValue {
        let first = rng.pick(Catalogs.firstNames), last = rng.pick(Catalogs.lastNames)
        var m = JSONObject()
        m["firstName"] = .string(first)
        m["lastName"] = .string(last)
        m["phoneNumber"] = .string(String(rng.int(1_000_000_000...9_999_999_999)))
        m["email"] = .string("\(Self.asciiSlug(first)).\(Self.asciiSlug(last))\(rng.int(1...99))@\(domain)")
        if rng.chance(0.8) {
            m["contactPreference"] = .object(
                JSONObject([
                    "locale": .string(rng.pick(Catalogs.locales)), "disableNotifications": .bool(rng.chance(0.2)),
                ]))
        }
        return .object(m)
    }

    /// An e-mail domain for a customer name.
    static func domain(_ name: String) -> String { asciiSlug(name) + ".example" }

    /// Lowercase ASCII letters and digits of `text` ("x" when none).
    static func asciiSlug(_ text: String) -> String {
        let slug = String(
            text.lowercased().unicodeScalars.filter {
                $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))
            })
        return slug.isEmpty ? "x" : slug
    }

    static func consent(using rng: inout SplitMix64) -> JSONValue? {
        switch rng.int(0..<20) {
        case 0, 1: return nil
        case 2: return .null
        default:
            var c = JSONObject()
            c["consentToToShareInfoWithOthers"] = .bool(rng.chance(0.7))
            c["consentToContact"] = .bool(rng.chance(0.8))
            if rng.chance(0.5) { c["consentToMicrosoftToContactSpecificPartners"] = .bool(rng.chance(0.5)) }
            if rng.chance(0.5) { c["consentToShareReferralWithMicrosoftSellers"] = .bool(rng.chance(0.8)) }
            return .object(c)
        }
    }

    func inviteContext(direction: String, qualification: String, using rng: inout SplitMix64) -> JSONValue? {
        guard direction == "Incoming" else { return rng.chance(0.5) ? .null : nil }
        var invite = JSONObject()
        invite["notes"] = rng.chance(0.8) ? .string(rng.pick(Catalogs.noteSentences)) : .null
        let fromMicrosoft = qualification != "None" && (qualification != "Direct" || rng.chance(0.5))
        if fromMicrosoft {
            invite["invitedBy"] = .object(
                JSONObject(["organizationId": .string("msft"), "organizationName": .string("Microsoft")]))
        } else if qualification == "Direct" {
            invite["invitedBy"] = .null
        } else {
            invite["invitedBy"] = .object(
                JSONObject([
                    "organizationId": .string(rng.guid()),
                    "organizationName": .string("\(rng.pick(Catalogs.companyStems)) Partner Solutions"),
                ]))
        }
        return .object(invite)
    }
}
