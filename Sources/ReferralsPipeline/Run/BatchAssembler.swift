import ETLCore
import Logging
import PartnerCenter
import PostgresLoad
import Warehouse

/// Turns the skimmed pages of one batch into its `RowBatch`: asks which elements are stored unchanged (one
/// `UnchangedLookup` per page, started as the page arrives and run on the run's read-only lookup connection while
/// the next pages are fetched, when `LookupPolicy` says it is worth asking), then decodes and normalizes only the
/// others. A referral received again byte for byte is thus never decoded; the writer checks it again in the
/// batch's transaction. See docs/load.md#unchanged-referrals.
///
/// Used by one batch source, one call at a time (`@unchecked Sendable` for the reason `BatchSource` gives). A
/// failed lookup is not a failed batch: the page is decoded in full, and lookups stop for the run.
final class BatchAssembler: @unchecked Sendable {
    /// A page received, and the lookup of its elements under way (nil: not looked up).
    struct Arrival: Sendable {
        var page: ReferralPage
        var lookup: Task<Result<[Int: StoredVersion], any Error>, Never>?
    }

    private let lookup: UnchangedLookup
    private var worker: LoadWorker?
    private var policy = LookupPolicy()
    private let stages: StageTimes
    private let logger: Logger
    /// Elements found stored unchanged so far (not decoded).
    private(set) var recognised = 0

    /// - Parameters:
    ///   - worker: the lookup connection's worker; nil when nothing can be stored yet (a first load).
    ///   - stages: where decoding (`decode`) and normalizing and batching (`transform`) are timed.
    init(worker: LoadWorker?, schema: SchemaName, stages: StageTimes, logger: Logger) {
        self.worker = worker
        self.lookup = UnchangedLookup(schema: schema)
        self.stages = stages
        self.logger = logger
    }

    /// Takes a page as it arrives: starts looking up its elements (digests and query run in the background).
    func arrived(_ page: ReferralPage) -> Arrival {
        guard let worker, policy.shouldAsk() else { return Arrival(page: page) }
        let lookup = lookup
        return Arrival(
            page: page,
            lookup: Task {
                var pairs: [(id: String, digest: String)] = []
                var positions: [Int] = []
                for (position, element) in page.skimmed.enumerated() where element.malformed == nil {
                    guard let id = element.id, !id.isEmpty else { continue }
                    pairs.append((id, RawDigest.of(element)))
                    positions.append(position)
                }
                guard !pairs.isEmpty else { return .success([:]) }
                let asked = pairs
                do {
                    let stored = try await worker.run { db in try lookup.stored(asked, on: db) }
                    return .success(
                        Dictionary(
                            uniqueKeysWithValues: stored.map { found in
                                (
                                    positions[found.key],
                                    StoredVersion(rawDigest: asked[found.key].digest, location: found.value)
                                )
                            }))
                } catch {
                    return .failure(error)
                }
            })
    }

    /// The batch of the pages that arrived, in order. Page by page: only one page's decoded referrals are held
    /// at a time.
    func batch(of arrivals: [Arrival]) async -> RowBatch {
        var builder = RowBatchBuilder()
        for arrival in arrivals {
            let stored = await storedUnchanged(arrival)
            let decoded = stages.measure(.decode) {
                var out: [Int: SkimmedReferral.Decoded] = [:]
                for (position, element) in arrival.page.skimmed.enumerated() where stored[position] == nil {
                    out[position] = element.decoded()
                }
                return out
            }
            stages.measure(.transform) { builder.add(arrival.page, storedUnchanged: stored, decoded: decoded) }
        }
        return stages.measure(.transform) { builder.build() }
    }

    /// The skimmed elements of an arrived page found stored unchanged (by position), and as which row.
    private func storedUnchanged(_ arrival: Arrival) async -> [Int: StoredVersion] {
        guard let lookup = arrival.lookup else { return [:] }
        switch await lookup.value {
        case .success(let found):
            recognised += found.count
            policy.record(found: found.count, asked: arrival.page.skimmed.count)
            return found
        case .failure(let error):
            if worker != nil {
                logger.warning(
                    "Looking up unchanged referrals failed; decoding everything from now on",
                    metadata: [LogKey.errorMessage: "\(error)"])
            }
            worker = nil
            return [:]
        }
    }
}

/// When a run asks which referrals of a page are stored unchanged: always at first; after a lookup that found few
/// (under a tenth: an incremental run where everything changed, a resumed first load), it skips pages before
/// asking again, twice as many each time (up to 32), and asks for every page again once a lookup pays. Decisions
/// lag the lookups under way by a batch at most. Pure, unit-tested.
struct LookupPolicy: Equatable {
    /// Lookups still to skip.
    private(set) var skipping = 0
    /// Lookups to skip after the next one that does not pay.
    private(set) var backoff = 1
    static let maximumBackoff = 32

    /// Whether to ask for this page.
    mutating func shouldAsk() -> Bool {
        guard skipping > 0 else { return true }
        skipping -= 1
        return false
    }

    /// What a lookup found: `found` of `asked` elements stored unchanged.
    mutating func record(found: Int, asked: Int) {
        guard asked > 0 else { return }
        if found * 10 < asked {
            skipping = backoff
            backoff = min(backoff * 2, Self.maximumBackoff)
        } else {
            backoff = 1
        }
    }
}
