import Foundation

/// The opaque `$skiptoken` of a `@odata.nextLink`: base64url of a small JSON that carries the query and the
/// position, so a nextLink with nothing but `$skiptoken` resumes the same listing.
///
/// The position is kept two ways: an index into a cached snapshot of the matching referrals (each served
/// exactly once even when data changes between pages), and the last served sort key and id (a keyset, used
/// when the snapshot is gone: evicted, or another simulator instance serving a foreign nextLink).
struct SkipToken: Codable, Equatable, Sendable {
    var query: ODataQuery
    /// The simulator instance that made the snapshot.
    var instance: String
    var snapshot: Int
    /// Index of the next entry in the snapshot.
    var position: Int
    /// Entries served so far (for `$top`).
    var served: Int
    /// Sort key (ticks) and id of the last served referral.
    var lastKey: Int64
    var lastID: String

    enum CodingKeys: String, CodingKey {
        case query = "q", instance = "n", snapshot = "s", position = "p", served = "c", lastKey = "k", lastID = "i"
    }

    /// base64url (no padding) of the token's JSON.
    func encoded() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let data = (try? encoder.encode(self)) ?? Data()
        return data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Decodes a token, or throws the 400 the API would give for a token it did not issue.
    init(decoding text: String) throws {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let token = try? JSONDecoder().decode(SkipToken.self, from: data)
        else {
            throw ODataError(
                message: "The $skiptoken is not valid.", target: "$skiptoken", innerCode: "invalidSkipToken")
        }
        self = token
    }

    init(query: ODataQuery, instance: String, snapshot: Int, position: Int, served: Int, lastKey: Int64, lastID: String)
    {
        self.query = query
        self.instance = instance
        self.snapshot = snapshot
        self.position = position
        self.served = served
        self.lastKey = lastKey
        self.lastID = lastID
    }
}
