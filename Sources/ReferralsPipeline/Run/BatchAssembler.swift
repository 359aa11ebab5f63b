import ETLCore
import Logging
import PartnerCenter
import PostgresLoad
import Warehouse

/// Turns the skimmed pages of one batch into its `RowBatch`: first asks which elements are stored unchanged (one
/// `UnchangedLookup` for the whole batch, on the run's read-only lookup connection, when `LookupPolicy` says it is
/// worth asking), then decodes and normalizes only the others. A referral received again byte for byte is thus
/// never decoded; the writer checks it again in the batch's transaction. See docs/load.md#unchanged-referrals.
///
/// Used by one batch source, one call at a time (`@unchecked Sendable` for the reason `BatchSource` gives). A
/// failed lookup is not a failed batch: the batch is decoded in full, and lookups stop for the run.
final class BatchAssembler: @unchecked Sendable {
    private let lookup: UnchangedLookup
    private var worker: LoadWorker?
    private var policy = LookupPolicy()
    private let stages: StageTimes
    private let logger: Logger
    /// Elements found stored unchanged so far (not decoded).
    private(set) var recognised = 0

    /// - Parameter worker: the lookup connection's worker; nil when nothing can be stored yet (a first load).
    ///   - stages: where decoding (`decode`) and normalizing and batching (`transform`) are timed.
    init(worker: LoadWorker?, schema: SchemaName, stages: StageTimes, logger: Logger) {
        self.worker = worker
        self.lookup = UnchangedLookup(schema: schema)
        self.stages = stages
        self.logger = logger
    }

    /// The batch of `pages`, in order.
    func batch(of pages: [ReferralPage]) async -> RowBatch {
        let stored = await storedUnchanged(pages)
        let decoded = stages.measure(.decode) {
            pages.indices.map { index in
                var out: [Int: SkimmedReferral.Decoded] = [:]
                for (position, element) in pages[index].skimmed.enumerated() where stored[index][position] == nil {
                    out[position] = element.decoded()
                }
                return out
            }
        }
        return stages.measure(.transform) {
            var builder = RowBatchBuilder()
            for (index, page) in pages.enumerated() {
                builder.add(page, storedUnchanged: stored[index], decoded: decoded[index])
            }
            return builder.build()
        }
    }

    /// For each page, the skimmed elements stored unchanged (by index) and their digests.
    private func storedUnchanged(_ pages: [ReferralPage]) async -> [[Int: String]] {
        var found: [[Int: String]] = pages.map { _ in [:] }
        guard let worker, policy.shouldAsk() else { return found }
        var pairs: [(id: String, digest: String)] = []
        var positions: [(page: Int, element: Int)] = []
        for (pageIndex, page) in pages.enumerated() {
            for (elementIndex, element) in page.skimmed.enumerated() where element.malformed == nil {
                guard let id = element.id, !id.isEmpty else { continue }
                pairs.append((id, RawDigest.of(element)))
                positions.append((pageIndex, elementIndex))
            }
        }
        guard !pairs.isEmpty else { return found }
        let (lookup, asked) = (lookup, pairs)
        do {
            let stored = try await worker.run { db in try lookup.stored(asked, on: db) }
            for position in stored { found[positions[position].page][positions[position].element] = pairs[position].digest }
            recognised += stored.count
            policy.record(found: stored.count, asked: pairs.count)
        } catch {
            logger.warning(
                "Looking up unchanged referrals failed; decoding everything from now on",
                metadata: [LogKey.errorMessage: "\(error)"])
            self.worker = nil
        }
        return found
    }
}

/// When a run asks which referrals are stored unchanged: always at first; after a batch where few were (under
/// a tenth: an incremental run where everything changed, a resumed first load), it skips batches before asking
/// again, twice as many each time (up to 32), and asks every batch again once a lookup pays. Pure, unit-tested.
struct LookupPolicy: Equatable {
    /// Batches still to skip.
    private(set) var skipping = 0
    /// Batches to skip after the next lookup that does not pay.
    private(set) var backoff = 1
    static let maximumBackoff = 32

    /// Whether to ask for this batch.
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
