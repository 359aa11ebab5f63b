import Foundation
import Logging

/// The shared, lock-protected state of one simulator: data, listing snapshots, faults, tokens, request log.
final class SimulatorState: Sendable {
    let configuration: SimulatorConfiguration
    let store: Locked<ReferralStore>
    let snapshots = Locked(SnapshotCache())
    let faults: Locked<FaultInjector>
    let tokens: Locked<TokenService>
    let log = Locked<[RequestLogEntry]>([])
    /// `http://HOST:PORT` once bound.
    let baseURL = Locked("")
    /// Distinguishes this instance's snapshots in skip tokens from another instance's.
    let instanceID: String
    let requestIDs: Locked<SplitMix64>
    let logger: Logger
    private static let instances = Locked(0)

    init(configuration: SimulatorConfiguration, logger: Logger) {
        self.configuration = configuration
        self.store = Locked(
            ReferralStore(
                seed: configuration.seed, count: configuration.referralCount, burstShare: configuration.burstShare))
        self.faults = Locked(FaultInjector(configuration.faults))
        self.tokens = Locked(TokenService(configuration: configuration.auth, seed: configuration.seed))
        self.instanceID =
            "\(ProcessInfo.processInfo.processIdentifier)-\(Self.instances.withLock { $0 += 1; return $0 })"
        self.requestIDs = Locked(SplitMix64(seed: configuration.seed, stream: 0x8E9))
        self.logger = logger
    }

    /// A fresh GUID for a `request-id` header.
    func newRequestID() -> String { requestIDs.withLock { $0.guid() } }

    /// Appends to the request log (kept to the last 100,000 entries).
    func record(_ entry: RequestLogEntry) {
        log.withLock {
            $0.append(entry)
            if $0.count > 100_000 { $0.removeFirst($0.count - 100_000) }
        }
    }
}
