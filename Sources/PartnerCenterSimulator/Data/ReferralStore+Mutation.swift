extension ReferralStore {
    /// Changes `count` distinct existing referrals and adds `new` ones, all at later simulated times.
    ///
    /// Deterministic given the seed and the sequence of calls. A change moves the status along the transition
    /// table, adds or removes team members, removes requirements or edits the deal value, and always sets
    /// `updatedDateTime` to the simulated now (which only increases) and a new `eTag`.
    mutating func mutate(count: Int, new: Int) -> MutationResult {
        _ = advanceClock(seconds: 60)
        var rng = mutationRNG
        var indices = Array(records.indices)
        let picked = min(max(count, 0), indices.count)
        for i in 0..<picked { indices.swapAt(i, rng.int(i..<indices.count)) }
        var changed: [String] = []
        for index in indices.prefix(picked) {
            let now = advanceClock(milliseconds: Int64(rng.int(0...1500)))
            var object = records[index].object
            Self.change(&object, now: now, staff: generator.staff, using: &rng)
            update(at: index, to: object)
            changed.append(records[index].id)
        }
        var created: [String] = []
        for _ in 0..<max(new, 0) {
            let now = advanceClock(milliseconds: Int64(rng.int(0...1500)))
            append(generator.referral(index: nextIndex, createdAt: now))
            nextIndex += 1
            created.append(records[records.count - 1].id)
        }
        mutationRNG = rng
        return MutationResult(changed: changed, created: created, now: now.iso8601(fractionDigits: 7))
    }

    /// One change to one referral (at least one field besides `updatedDateTime` and `eTag` changes).
    static func change(_ r: inout JSONObject, now: Instant, staff: [JSONValue], using rng: inout SplitMix64) {
        let nowText = TimestampStyle.stamp(now, using: &rng).1
        var didChange = false
        let status = r["status"]?.stringValue ?? "New"
        if status != "Closed", rng.chance(0.6) {
            let substatus = r["substatus"]?.stringValue ?? "Pending"
            let next = nextStatus(status: status, substatus: substatus, using: &rng)
            r["status"] = .string(next.0)
            r["substatus"] = .string(next.1)
            if next.0 == "Active", r["acceptedDateTime"]?.stringValue == nil {
                r["acceptedDateTime"] = .string(nowText)
            }
            if next.0 == "Closed" {
                r["statusReason"] = next.1 == "Won" ? .null : .string(rng.pick(Catalogs.statusReasons))
            }
            didChange = true
        }
        if rng.chance(0.4) {
            var team = r["team"]?.arrayValue ?? []
            if team.count < 6, team.isEmpty || rng.chance(0.5) {
                let emails = Set(team.compactMap { $0["email"]?.stringValue })
                if let member = staff.shuffled(using: &rng).first(where: {
                    !emails.contains($0["email"]?.stringValue ?? "")
                }) {
                    team.append(member)
                }
            } else if !team.isEmpty {
                team.remove(at: rng.int(0..<team.count))
            }
            r["team"] = .array(team)
            didChange = true
        }
        if rng.chance(0.3), case .object(var details)? = r["details"],
            case .object(var requirements)? = details["requirements"]
        {
            let kinds = ["industries", "products", "services", "solutions"].filter {
                !(requirements[$0]?.arrayValue ?? []).isEmpty
            }
            if let kind = kinds.isEmpty ? nil : rng.pick(kinds), var items = requirements[kind]?.arrayValue {
                items.remove(at: rng.int(0..<items.count))
                requirements[kind] = .array(items)
                details["requirements"] = .object(requirements)
                r["details"] = .object(details)
                didChange = true
            }
        }
        if !didChange || rng.chance(0.4) {
            var details: JSONObject
            if case .object(let existing)? = r["details"] { details = existing } else { details = JSONObject() }
            let text = "\(rng.int(1...900) * 500).\(String(rng.int(0...99)).leftPadded(2))"
            if case .string? = details["dealValue"] {
                details["dealValue"] = .string(text)
            } else {
                details["dealValue"] = .number(text)
            }
            r["details"] = .object(details)
        }
        r["updatedDateTime"] = .string(nowText)
        r["eTag"] = .string(ReferralGenerator.eTag(using: &rng))
    }

    /// A status/substatus pair reachable from the current one under the transition table.
    static func nextStatus(status: String, substatus: String, using rng: inout SplitMix64) -> (String, String) {
        switch (status, substatus) {
        case ("New", "Pending"):
            return rng.pick([
                ("New", "Received"), ("Active", "Accepted"), ("Closed", "Declined"), ("Closed", "Expired"),
            ])
        case ("New", _):
            return rng.pick([("Active", "Accepted"), ("Closed", "Declined"), ("Closed", "Lost"), ("Closed", "Expired")])
        case ("Active", _):
            return rng.pick([("Closed", "Won"), ("Closed", "Lost")])
        default:
            return (status, substatus)
        }
    }
}
