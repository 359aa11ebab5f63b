import ETLCore

extension RequestExecutor {
    /// The error for a request the policy gave up on: the API's own error code and message and the response's
    /// `request-id` when there was a response, and a message naming the likely cause.
    func failure(
        _ condition: RetryCondition, response: HTTPResponse?, attempts: Int,
        malformed: ReferralPageDecoder.MalformedPage?
    ) -> PartnerCenterError {
        var context: [String: String] = ["retry.attempts": String(attempts)]
        var apiError = APIErrorBody()
        if let response {
            context[LogKey.httpStatus] = String(response.status)
            context[LogKey.requestID] = Self.requestID(response)
            apiError = APIErrorBody(body: response.body)
            context.merge(apiError.context) { $1 }
        }
        switch condition {
        case .malformedBody:
            let facts = context.merging(["reason": malformed?.reason ?? "-"]) { $1 }
            guard malformed?.settled == true else {
                // Cut off, or different bytes each time: the server or the network is having trouble.
                return PartnerCenterError(
                    .unavailable,
                    "the API sent a page that was truncated or changed on every attempt; try again later",
                    context: facts, underlying: malformed)
            }
            return PartnerCenterError(
                .malformedPage,
                "the API sent the same page that is not valid JSON on \(attempts) attempts; retrying cannot help",
                context: facts, underlying: malformed)
        case .timeout, .connectionFailure:
            return PartnerCenterError(
                .unavailable,
                "the API could not be reached (\(condition == .timeout ? "timeout" : "connection failure"))",
                context: context)
        case .status(401):
            return PartnerCenterError(
                .credentialsRejected,
                "the API rejected a freshly issued token (401): the account or app lacks access to the referrals API",
                context: context)
        case .status(403):
            return PartnerCenterError(
                .credentialsRejected,
                "the API refused access (403): the account needs the Referrals Admin role to read all referrals "
                    + "(a Referrals User sees only referrals whose team includes it)", context: context)
        case .status(let status) where status == 429 || status >= 500:
            return PartnerCenterError(
                .unavailable, "the API kept answering \(status) after \(attempts) attempts; try again later",
                context: context)
        case .status(let status):
            let what =
                apiError.normalizedCode == "invalidrequest" || status == 400
                ? "the API rejected the query (check the pipeline's $filter / $orderby)"
                : "the API rejected the request (\(status))"
            return PartnerCenterError(.requestRejected, what, context: context)
        }
    }
}
