import ETLCore

/// What a failed page fetch means once the pager knows which page it was: a 400 on a nextLink is the API refusing
/// its own link (not our `$filter`), and a page that never decoded is named by its (redacted) URL.
enum PageFailure {
    /// `error` reworded for page `page` fetched from `url`.
    static func refine(_ error: PartnerCenterError, page: Int, url: String) -> PartnerCenterError {
        var refined = error
        switch error.code {
        case .requestRejected where page > 1:
            refined = PartnerCenterError(
                .nextLinkRejected,
                "the API refused its own nextLink (\(error.context[LogKey.httpStatus] ?? "4xx")) on page \(page); "
                    + "the link was sent exactly as received, so this is the API's fault: report it with the "
                    + "request id, and rerun later", context: error.context, underlying: error.underlying)
        case .malformedPage,
            .unavailable where error.underlying is ReferralPageDecoder.MalformedPage:
            break
        default:
            return error
        }
        refined.context[LogKey.httpURL] = PageURL.redacted(url)
        refined.context[LogKey.pageNumber] = String(page)
        return refined
    }
}
