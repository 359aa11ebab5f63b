import ArgumentParser
import PartnerCenterSimulator

/// The fault flags of `simulate`, one per `FaultConfiguration` field.
struct SimulatorFaultOptions: ParsableArguments {
    @Option(help: "Seed of the fault decisions.") var faultSeed: UInt64 = 1
    @Option(help: "Share (0-1) of API requests answered 429.") var throttleRate: Double = 0
    @Option(help: "Retry-After seconds on 429 and 503.") var retryAfter = 1
    @Option(help: "Share (0-1) of API requests answered 500 or 503.") var serverErrorRate: Double = 0
    @Option(help: "Delay per page, in milliseconds.") var pageDelayMs = 0
    @Option(help: "Issued access tokens expire after this many API requests.") var tokenMaxRequests: Int?
    @Option(help: "Issued access tokens expire after this many seconds.") var tokenLifetime: Double?
    @Option(help: "Cut the K-th list page's body in half, once.") var truncatePage: Int?
    @Option(help: "Drop the connection in the middle of the K-th list page, once.") var dropConnectionPage: Int?
    @Option(help: "Make nextLinks point at this base URL (http://HOST:PORT).") var foreignNextLink: String?
    @Option(help: "Share (0-1) of page boundaries followed by a repeated referral.") var duplicateRate: Double = 0
    @Option(help: "Version of the repeated referral: older, newer, same.") var duplicateVersion = "older"
    @Flag(help: "nextLinks in the documented odd form http://HOST:PORT/v1.0/referrals?$skiptoken=...")
    var oddNextLinks = false
    @Flag(help: "Answer 404 on /v1.0/referrals.") var legacyPathNotFound = false
    @Option(
        parsing: .upToNextOption,
        help: "Serve these referral ids with a defect no warehouse can store (bad updatedDateTime or dealValue).")
    var malformedIds: [String] = []

    func validate() throws {
        for (name, rate) in [
            ("--throttle-rate", throttleRate), ("--server-error-rate", serverErrorRate),
            ("--duplicate-rate", duplicateRate),
        ]
        where !(0...1).contains(rate) {
            throw ValidationError("\(name) must be between 0 and 1")
        }
        guard FaultConfiguration.DuplicateVersion(rawValue: duplicateVersion) != nil else {
            throw ValidationError("--duplicate-version must be older, newer or same")
        }
    }

    var configuration: FaultConfiguration {
        var f = FaultConfiguration()
        f.seed = faultSeed
        f.throttleRate = throttleRate
        f.retryAfterSeconds = retryAfter
        f.serverErrorRate = serverErrorRate
        f.pageDelayMilliseconds = pageDelayMs
        f.accessTokenMaxRequests = tokenMaxRequests
        f.accessTokenLifetimeSeconds = tokenLifetime
        f.truncatePage = truncatePage
        f.dropConnectionPage = dropConnectionPage
        f.foreignNextLinkBaseURL = foreignNextLink
        f.duplicateRate = duplicateRate
        f.duplicateVersion = FaultConfiguration.DuplicateVersion(rawValue: duplicateVersion) ?? .older
        f.oddNextLinks = oddNextLinks
        f.legacyPathNotFound = legacyPathNotFound
        f.malformedIDs = malformedIds
        return f
    }
}
