import Warehouse

/// Which referrals are stored byte for byte as received: (id, raw digest) pairs matched against `referrals` by
/// primary key, in one statement with two array parameters. The pipeline asks it before decoding (on a read-only
/// connection of its own, so it never waits for the writer); in the batch's transaction the writer checks that the
/// row versions so found are still the visible ones (`recheckingUnchanged`), by position: a quarter of the work
/// of asking again by key. See docs/load.md#unchanged-referrals.
public struct UnchangedLookup: Sendable {
    public let schema: SchemaName

    public init(schema: SchemaName) { self.schema = schema }

    /// The positions in `pairs` of the referrals stored with that id and that digest, each with the `ctid` of
    /// the row version found.
    public func stored(_ pairs: [(id: String, digest: String)], on db: LibPQConnection) throws -> [Int: String] {
        guard !pairs.isEmpty else { return [:] }
        let result = try db.execute(
            """
            SELECT s.n, r.ctid::text FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS s(id, raw_digest, n)
            JOIN \(schema.table(ReferralRow.table)) r ON r.id = s.id AND r.raw_digest = s.raw_digest
            """, [Self.textArray(pairs.map(\.id)), Self.textArray(pairs.map(\.digest))])
        var found: [Int: String] = [:]
        for row in result.rows {
            guard row.count == 2, let n = row[0].flatMap({ Int($0) }), let location = row[1] else { continue }
            found[n - 1] = location
        }
        return found
    }

    /// Makes `db` a lookup connection: every transaction on it read-only, so it can never write.
    public static func prepare(_ db: LibPQConnection) throws {
        try db.execute("SET default_transaction_read_only = on")
    }

    /// Whether `referrals` holds any row at all: before a first load, there is nothing to look up.
    public func anyStored(on db: LibPQConnection) throws -> Bool {
        try db.execute("SELECT EXISTS (SELECT 1 FROM \(schema.table(ReferralRow.table)))").scalar == "t"
    }

    /// `batch` with its unchanged referrals that are no longer stored as they were recognised (changed or deleted
    /// by another writer since the lookup) decoded and normalized into rows after all (`RowBatch.reinstating`).
    /// Call inside the batch's transaction, before writing it. A row version found by the lookup is still the
    /// referral's when the `ctid` it was found at holds a visible row with the same id and digest (an update or a
    /// delete leaves no visible version there; a table rewrite may put another row there, which then differs).
    public func recheckingUnchanged(_ batch: RowBatch, on db: LibPQConnection) throws -> RowBatch {
        guard !batch.unchanged.isEmpty else { return batch }
        let result = try db.execute(
            "SELECT id, raw_digest FROM \(schema.table(ReferralRow.table)) WHERE ctid = ANY($1::tid[])",
            [Self.textArray(batch.unchanged.map(\.stored.location))])
        var current: [String: String] = [:]
        for row in result.rows {
            guard row.count == 2, let id = row[0], let digest = row[1] else { continue }
            current[id] = digest
        }
        let changed = batch.unchanged.filter { current[$0.id] != $0.stored.rawDigest }.map(\.id)
        return changed.isEmpty ? batch : batch.reinstating(Set(changed))
    }

    /// A PostgreSQL `text[]` literal of `items`, each quoted (a NUL, which text cannot hold, is dropped: such an
    /// id matches nothing stored).
    static func textArray(_ items: [String]) -> String {
        let (quote, backslash) = (UInt8(ascii: "\""), UInt8(ascii: "\\"))
        var out: [UInt8] = [UInt8(ascii: "{")]
        out.reserveCapacity(items.count * 70 + 2)
        for (index, item) in items.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(quote)
            for byte in item.utf8 {
                switch byte {
                case quote, backslash: out += [backslash, byte]
                case 0: continue
                default: out.append(byte)
                }
            }
            out.append(quote)
        }
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }
}
