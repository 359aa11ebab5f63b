/// `GET /v1.0/engagements/referrals` (and the odd `/v1.0/referrals`): server-driven pages over a snapshot.
struct ReferralsEndpoint: Sendable {
    let state: SimulatorState

    /// One page of the listing that `request`'s options (or its `$skiptoken`) describe.
    func list(_ request: SimulatorRequest) -> SimulatorResponse {
        do {
            let (snapshot, token) = try resolve(request)
            return page(of: snapshot, token: token)
        } catch let error as ODataError {
            return .apiError(
                400, code: "invalidRequest", message: error.message, target: error.target, innerCode: error.innerCode)
        } catch {
            return .apiError(500, code: "generalException", message: "Unexpected error.")
        }
    }

    /// The snapshot to serve from and the position in it (a token at position 0 for a first page).
    private func resolve(_ request: SimulatorRequest) throws -> (Snapshot, SkipToken) {
        if let text = request.parameter("$skiptoken") {
            let token = try SkipToken(decoding: text)
            if token.instance == state.instanceID, let cached = state.snapshots.withLock({ $0.get(token.snapshot) }) {
                return (cached, token)
            }
            // The snapshot is gone (or another instance made it): resume by keyset on (sort key, id).
            var resumed = token
            let snapshot = try makeSnapshot(token.query, duplicates: false)
            let ordering = ReferralOrdering(field: token.query.orderBy, descending: token.query.descending)
            resumed.position = ordering.firstIndex(after: token.lastKey, id: token.lastID, in: snapshot.entries)
            resumed.instance = state.instanceID
            resumed.snapshot = snapshot.id
            return (snapshot, resumed)
        }
        let query = try ODataQuery(parameters: request.parameters)
        let snapshot = try makeSnapshot(query, duplicates: true)
        let token = SkipToken(
            query: query, instance: state.instanceID, snapshot: snapshot.id, position: 0, served: 0, lastKey: 0,
            lastID: "")
        return (snapshot, token)
    }

    private func makeSnapshot(_ query: ODataQuery, duplicates: Bool) throws -> Snapshot {
        let expression = try query.filterExpression()
        let ordering = ReferralOrdering(field: query.orderBy, descending: query.descending)
        let records = state.store.withLock { $0.records }
        let matched = Array(ordering.matching(expression, in: records).dropFirst(query.skip))
        var entries = matched.map { Snapshot.Entry(record: $0) }
        if duplicates { entries = withDuplicates(entries) }
        return state.snapshots.withLock { $0.add(entries: entries, total: matched.count) }
    }

    /// The duplicate-ids fault: at some page boundaries, a referral of an earlier page comes again.
    private func withDuplicates(_ entries: [Snapshot.Entry]) -> [Snapshot.Entry] {
        let pageSize = max(1, state.configuration.pageSize)
        return state.faults.withLock { faults in
            guard faults.configuration.duplicateRate > 0 else { return entries }
            var out: [Snapshot.Entry] = []
            out.reserveCapacity(entries.count + entries.count / pageSize + 1)
            var repeated: Set<String> = []
            for (index, entry) in entries.enumerated() {
                if index > 0, out.count % pageSize == 0, faults.duplicateHere(),
                    let j = Self.unrepeated(in: out, avoiding: repeated, using: &faults)
                {
                    repeated.insert(out[j].record.id)
                    switch faults.configuration.duplicateVersion {
                    case .older: out.append(Snapshot.Entry(record: out[j].record, older: true))
                    case .same: out.append(out[j])
                    case .newer:
                        out[j].older = true
                        out.append(Snapshot.Entry(record: out[j].record))
                    }
                }
                out.append(entry)
            }
            return out
        }
    }

    /// A random index of `entries` whose referral has not been repeated yet (five tries), or nil.
    private static func unrepeated(
        in entries: [Snapshot.Entry], avoiding repeated: Set<String>, using faults: inout FaultInjector
    ) -> Int? {
        for _ in 0..<5 {
            let j = faults.index(0..<entries.count)
            if !repeated.contains(entries[j].record.id) { return j }
        }
        return nil
    }

    private func page(of snapshot: Snapshot, token: SkipToken) -> SimulatorResponse {
        let pageSize = max(1, min(state.configuration.pageSize, token.query.pageSize ?? Int.max))
        let start = min(token.position, snapshot.entries.count)
        let remaining = token.query.top.map { max(0, $0 - token.served) } ?? Int.max
        let end = start + min(pageSize, remaining, snapshot.entries.count - start)
        let entries = snapshot.entries[start..<end]
        let base = state.baseURL.current
        var body: [UInt8] = []
        body.reserveCapacity(entries.reduce(256) { $0 + $1.record.bytes.count + 1 })
        body.append(
            contentsOf:
                #"{"@odata.context":"\#(base)/v1.0/$metadata#Referrals","@odata.count":\#(snapshot.total),"value":["#
                .utf8)
        let select = token.query.select.map(Set.init)
        let faults = state.faults.withLock { $0.configuration }
        let malformed = Dictionary(
            faults.malformedIDs.enumerated().map { ($1, $0 % 2 == 1) }, uniquingKeysWith: { first, _ in first })
        for (i, entry) in entries.enumerated() {
            if i > 0 { body.append(UInt8(ascii: ",")) }
            if let select {
                entry.record.object.render(into: &body, only: select)
            } else if let dealValue = malformed[entry.record.id] {
                body.append(contentsOf: entry.record.malformedBytes(dealValue: dealValue))
            } else {
                body.append(contentsOf: entry.bytes)
            }
        }
        body.append(UInt8(ascii: "]"))
        let served = token.served + entries.count
        if end < snapshot.entries.count, served < (token.query.top ?? Int.max), let last = entries.last {
            var next = token
            next.position = end
            next.served = served
            next.lastKey = last.record.key(token.query.orderBy).ticks
            next.lastID = last.record.id
            let host = faults.foreignNextLinkBaseURL ?? base
            let path = faults.oddNextLinks ? "/v1.0/referrals" : "/v1.0/engagements/referrals"
            body.append(contentsOf: #","@odata.nextLink":"\#(host)\#(path)?$skiptoken=\#(next.encoded())""#.utf8)
        }
        body.append(UInt8(ascii: "}"))
        var response = SimulatorResponse.json(200, body)
        response.delivery = state.faults.withLock { $0.nextListPageDelivery() }
        return response
    }

    /// `GET .../referrals/{id}`: the referral with `@odata.context`, or 404 `itemNotFound`.
    func get(id: String) -> SimulatorResponse {
        guard let record = state.store.withLock({ $0.record(id: id) }) else {
            return .apiError(
                404, code: "itemNotFound", message: "Referral '\(id)' was not found.", target: "referral",
                innerCode: "referralNotFound")
        }
        var body = Array(
            #"{"@odata.context":"\#(state.baseURL.current)/v1.0/engagements/referrals/$metadata#Referrals/$entity","#
                .utf8)
        body.append(contentsOf: record.bytes.dropFirst())
        var response = SimulatorResponse.json(200, body)
        if let eTag = record.object["eTag"]?.stringValue { response.setHeader("etag", eTag) }
        return response
    }
}
