import Foundation
import PartnerCenter
import Testing
import Warehouse

/// The hostile-record corpus (Tests/Corpus/records, format in Tests/Corpus/README.md) through the production
/// decoder and the normalizer: each record is stored or quarantined as its `.expect` says. The end-to-end corpus
/// runner serves the same files to the built binary.
///
/// Cases added for issue 9 §3 (`lt-*`) follow failures reported against other loaders: empty-string timestamps
/// (blaze/odo#339, CartoDB/cartodb-postgresql#31, MaZderMind/osm-history-renderer#14), `\u0000` in jsonb
/// (airbytehq/airbyte#3476, turbot/steampipe#292), unpaired surrogates (kodustech/kodus-ai#1683), numbers jsonb
/// cannot hold (MaterializeInc/materialize#28169).
@Suite("Corpus records through the normalizer")
struct CorpusRecordTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Corpus/records")

    /// The case names (file names without `.json`), sorted.
    static let cases: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
    }()

    @Test("the corpus is there")
    func present() {
        #expect(Self.cases.count >= 29)
    }

    @Test("each record is stored or quarantined as expected", arguments: cases)
    func record(_ name: String) throws {
        // Bytes, not a String: some records are not UTF-8 on purpose.
        var bytes = Array(try Data(contentsOf: Self.folder.appendingPathComponent("\(name).json")))
        while let last = bytes.last, [0x20, 0x09, 0x0A, 0x0D].contains(last) { bytes.removeLast() }
        let json = String(decoding: bytes, as: UTF8.self)
        let expectation = try String(contentsOf: Self.folder.appendingPathComponent("\(name).expect"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let page = try Fixture.item(bytes: bytes)
        let outcome: NormalizationOutcome =
            if let referral = page.referrals.first {
                ReferralNormalizer().normalize(referral)
            } else {
                .rejected(Rejection(try #require(page.undecodable.first)))
            }
        switch outcome {
        case .normalized(let rows):
            #expect(expectation == "stored", "\(name): stored, expected \(expectation)")
            #expect(rows.referral.raw == json)
        case .rejected(let rejection):
            #expect(expectation.hasPrefix("quarantined: "), "\(name): quarantined (\(rejection.reason))")
            let wanted = expectation.dropFirst("quarantined: ".count)
            #expect(rejection.reason.contains(wanted), "\(name): \(rejection.reason)")
            #expect(rejection.raw == json || rejection.raw.contains("\\u0000"))
        }
    }
}
