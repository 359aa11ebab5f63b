// libFuzzer target for the page decoder and the normalizer, built by scripts/fuzz.sh with swiftc (not SwiftPM):
// only the decoder's and the normalizer's sources, so it builds in seconds. See docs/testing.md, "Fuzzing".
import PartnerCenter
import Warehouse

/// One input, used twice: as a whole page body, and as one element of `value` (so record seeds count too).
/// Checks, besides "no crash, no hang": the skim reads each element's id and timestamps as decoding does; each
/// referral's `raw` decodes again to the same referral (raw is exactly its text); and every decoded referral and
/// undecodable item goes through the normalizer or becomes a rejection.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPageDecoder(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    check(bytes)
    check(Array(#"{"value":["#.utf8) + bytes + Array("]}".utf8))
    return 0
}

private func check(_ body: [UInt8]) {
    guard let page = try? ReferralPageDecoder.decode(body, number: 1) else { return }
    // What the skim reads of an element is what decoding it reads (the pipeline decides on the skim alone).
    for element in (try? ReferralPageDecoder.skim(body, number: 1))?.skimmed ?? [] {
        guard case .referral(let referral) = element.decoded() else { continue }
        guard referral.id == element.id, referral.createdDateTime == element.createdDateTime,
            referral.updatedDateTime == element.updatedDateTime, Array(referral.raw.utf8) == Array(element.bytes)
        else { fatalError("the skim reads another id or timestamp than decoding: \(referral.raw.prefix(200))") }
    }
    let normalizer = ReferralNormalizer()
    for referral in page.referrals {
        let again = try? ReferralPageDecoder.decode(
            Array(#"{"value":["#.utf8) + Array(referral.raw.utf8) + Array("]}".utf8), number: 1)
        guard again?.referrals == [referral] else {
            fatalError("raw does not decode to the same referral: \(referral.raw.prefix(200))")
        }
        _ = normalizer.normalize(referral)
    }
    for item in page.undecodable {
        let rejection = Rejection(item)
        guard !rejection.reason.isEmpty, !rejection.reason.contains("\n") else {
            fatalError("a rejection without a one-line reason: \(item.raw.prefix(200))")
        }
    }
}
