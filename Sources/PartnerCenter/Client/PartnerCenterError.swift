import ETLCore

/// The one error type of the extract stage: a code (which fixes the disposition), a one-line message,
/// secret-free context, and the underlying error. Compared by code.
///
/// Messages and context never hold tokens, refresh tokens or client secrets (see `docs/extract.md`).
public struct PartnerCenterError: DispositionedError, Equatable {
    /// What went wrong, in categories the pipeline and CLI act on.
    public enum Code: String, Sendable, CaseIterable {
        /// The client's configuration is wrong: bad base URL, plain HTTP to a non-loopback host, missing variables.
        case configuration = "partner_center.configuration"
        /// The identity platform or the API refused the credentials (invalid_grant, 401 after refresh, 403).
        case credentialsRejected = "partner_center.credentials_rejected"
        /// The API refused the request itself (4xx other than 401/403/429), e.g. a bad `$filter`.
        case requestRejected = "partner_center.request_rejected"
        /// Throttling, server errors or network failures outlasted the retries or the retry time budget.
        case unavailable = "partner_center.unavailable"
        /// A page was the same invalid JSON on every attempt (a truncated or changing body is `unavailable`).
        case malformedPage = "partner_center.malformed_page"
        /// The API refused (4xx) a `nextLink` it sent itself.
        case nextLinkRejected = "partner_center.next_link_rejected"
        /// A `nextLink` names a host other than the configured API host, or a path outside the API's listing
        /// paths; nothing was sent there.
        case foreignHost = "partner_center.foreign_host"
        /// Paging went in a circle: a repeated `nextLink`, or a page of only already-seen ids.
        case pagingLoop = "partner_center.paging_loop"
        /// More pages than the configured page cap.
        case pageCapReached = "partner_center.page_cap"
        /// A bug or an impossible state.
        case `internal` = "partner_center.internal"

        /// How the command line exits because of this code.
        public var disposition: ErrorDisposition {
            switch self {
            case .configuration: return .configuration
            case .credentialsRejected: return .credentialsRejected
            case .requestRejected: return .configuration
            case .unavailable: return .temporary
            case .malformedPage, .nextLinkRejected, .foreignHost, .pagingLoop, .pageCapReached: return .dataUnusable
            case .internal: return .internal
            }
        }
    }

    /// The category of the failure.
    public var code: Code
    /// One secret-free line saying what happened and, where known, what to do.
    public var message: String
    /// Secret-free facts (status, API error code, request id, host, ...), keyed by `LogKey` names where one fits.
    public var context: [String: String]
    /// The error that caused this one, if any (never printed by `description`).
    public var underlying: (any Error)?

    public init(_ code: Code, _ message: String, context: [String: String] = [:], underlying: (any Error)? = nil) {
        self.code = code
        self.message = Redactor.scrub(message)
        self.context = Redactor.scrub(context)
        self.underlying = underlying
    }

    public var disposition: ErrorDisposition { code.disposition }
    public var codeName: String { code.rawValue }

    /// `code: message (key=value, ...)` on one line.
    public var description: String {
        var line = "\(code.rawValue): \(message)"
        if !context.isEmpty {
            let facts = context.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            line += " (" + facts.joined(separator: ", ") + ")"
        }
        return line.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    public static func == (lhs: PartnerCenterError, rhs: PartnerCenterError) -> Bool { lhs.code == rhs.code }
}
