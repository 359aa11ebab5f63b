extension HTTPTransportError {
    /// The error to stop with at once when this failure is not worth a retry (an invalid request, a TLS
    /// certificate that does not verify, a body over the cap); nil for timeouts and connection failures.
    /// - Parameters:
    ///   - url: the request's URL (only its host is named).
    ///   - peer: what was called, e.g. "the API" or "the token endpoint".
    func final(url: String, peer: String) -> PartnerCenterError? {
        let host = URLParts(url)?.host ?? "?"
        switch kind {
        case .invalidRequest:
            return PartnerCenterError(.configuration, "could not send a request to \(peer)", underlying: self)
        case .tlsFailure:
            return PartnerCenterError(
                .configuration,
                "TLS certificate verification failed for \(host) (\(peer)): check the URL's host, or install the "
                    + "CA that signed its certificate", context: ["http.host": host], underlying: self)
        case .bodyTooLarge:
            return PartnerCenterError(
                .malformedPage, "\(peer) at \(host) sent a response body over the size cap: \(detail)",
                context: ["http.host": host], underlying: self)
        case .timeout, .connectionFailure:
            return nil
        }
    }
}
