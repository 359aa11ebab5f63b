import Foundation
import PartnerCenter
import Testing

/// The skim (`ReferralPageDecoder.skim`) against independent readings of the same bytes, over every corpus record
/// and page, the Warehouse fixtures and hand-made edge cases: each skimmed element is exactly one element of
/// `value` (its bytes parse to the element the full parser sees there), its `id` and timestamps are what a full
/// parse reads at the top level, and decoding it gives the full decoder's referral.
@Suite("skimming pages")
struct ReferralSkimTests {
    static let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()

    /// Every body to check: corpus records wrapped in a page, corpus page files, Warehouse fixtures wrapped.
    static let bodies: [(name: String, body: [UInt8])] = {
        var out: [(String, [UInt8])] = []
        func files(_ folder: URL) -> [URL] {
            let names = (try? FileManager.default.subpathsOfDirectory(atPath: folder.path)) ?? []
            return names.filter { $0.hasSuffix(".json") }.sorted().map { folder.appendingPathComponent($0) }
        }
        for file in files(tests.appendingPathComponent("Corpus/records"))
            + files(tests.appendingPathComponent("WarehouseTests/Fixtures"))
        {
            guard let data = try? Data(contentsOf: file) else { continue }
            out.append((file.lastPathComponent, Array(#"{"value":[ "#.utf8) + Array(data) + Array(" ]}".utf8)))
        }
        for file in files(tests.appendingPathComponent("Corpus/pages")) {
            guard let data = try? Data(contentsOf: file), file.lastPathComponent != "case.json" else { continue }
            out.append((file.path, Array(data)))
        }
        for text in handMade { out.append((text, Array(text.utf8))) }
        return out
    }()

    static let handMade = [
        #"{"value":[{"i\u0064":"escaped-key","updatedDateTime":"2025-01-01T00:00:00Z"}]}"#,
        #"{"value":[{"id":"first","id":"second","createdDateTime":1,"createdDateTime":"2025-01-02T00:00:00Z"}]}"#,
        #"{"value":[{"id":"x","updatedDateTime":"2025-01-01T00:00:00Z","updatedDateTime":null}]}"#,
        #"{"value":[{"nested":{"id":"inner","createdDateTime":"2020-01-01T00:00:00Z"},"id":"outer"}]}"#,
        #"{"value":[ {"id" : "a\"b\\c\u00e9\ud83d\ude00" , "x" : [1, -2.5e3, true, null, {}] } , {"id":7} ]}"#,
        #"{"value":[{"id":"ok"},{"id":"bad" "x":1},{"id":"after"}]}"#,
        #"{"value":[["not","an","object"],"text",12,{"id":"\ud800"}]}"#,
        #"{"value":[],"@odata.nextLink":"https://example.com/next"}"#,
        "\u{FEFF}{\"value\":[{\"id\":\"bom\"}]}",
    ]

    @Test("skim and decode fail alike, and decoding every skimmed element is the full decode")
    func skimThenDecodeIsDecode() throws {
        #expect(Self.bodies.count > 100)
        for (name, body) in Self.bodies {
            let skimmed = Result { try ReferralPageDecoder.skim(body, number: 1) }
            let decoded = Result { try ReferralPageDecoder.decode(body, number: 1) }
            switch (skimmed, decoded) {
            case (.success(let page), .success(let full)):
                #expect(page.referrals.isEmpty && page.undecodable.isEmpty, "\(name)")
                #expect(page.decodingSkimmed() == full, "\(name)")
            case (.failure(let a), .failure(let b)):
                #expect("\(a)" == "\(b)", "\(name)")
            default:
                Issue.record("\(name): skim and decode disagree on the page")
            }
        }
    }

    @Test("each skimmed element is one element of value, with the id and timestamps a full parse reads")
    func elementsMatchAFullParse() throws {
        var checked = 0
        for (name, body) in Self.bodies {
            guard let page = try? ReferralPageDecoder.skim(body, number: 1) else { continue }
            let envelope = try? JSONValue.parse(Array(body.drop { $0 == 0xEF || $0 == 0xBB || $0 == 0xBF }))
            var elements: [JSONValue]?
            if case .object(let members)? = envelope, case .array(let value)? = members["value"] { elements = value }
            if let elements { #expect(elements.count == page.skimmed.count, "\(name)") }
            for (index, element) in page.skimmed.enumerated() {
                let parsed = try? JSONValue.parse(Array(element.bytes))
                #expect((parsed == nil) == (element.malformed != nil), "\(name) #\(index)")
                if let elements, index < elements.count { #expect(parsed == elements[index], "\(name) #\(index)") }
                guard case .object(let members)? = parsed else {
                    #expect(element.id == nil && element.createdDateTime == nil && element.updatedDateTime == nil)
                    continue
                }
                func text(_ key: String) -> String? {
                    if case .string(let value)? = members[key] { return value }
                    return nil
                }
                #expect(element.id == text("id"), "\(name) #\(index)")
                #expect(element.createdDateTime == text("createdDateTime"), "\(name) #\(index)")
                #expect(element.updatedDateTime == text("updatedDateTime"), "\(name) #\(index)")
                if case .referral(let referral) = element.decoded() {
                    #expect(Array(referral.raw.utf8) == Array(element.bytes))
                    #expect(referral.id == element.id)
                    #expect(referral.createdDateTime == element.createdDateTime)
                    #expect(referral.updatedDateTime == element.updatedDateTime)
                }
                checked += 1
            }
        }
        #expect(checked > 100)
    }

    @Test("hand-made cases read as a full parse reads them")
    func handMadeCases() throws {
        func skim(_ text: String) throws -> [SkimmedReferral] {
            try ReferralPageDecoder.skim(Array(text.utf8), number: 1).skimmed
        }
        #expect(try skim(Self.handMade[0]).first?.id == "escaped-key")
        let repeated = try #require(try skim(Self.handMade[1]).first)
        #expect(repeated.id == "second")
        #expect(repeated.createdDateTime == "2025-01-02T00:00:00Z")
        #expect(try skim(Self.handMade[2]).first?.updatedDateTime == nil)
        #expect(try skim(Self.handMade[3]).first?.id == "outer")
        #expect(try skim(Self.handMade[3]).first?.createdDateTime == nil)
        #expect(try skim(Self.handMade[4]).map(\.id) == ["a\"b\\c\u{e9}\u{1F600}", nil])
        let broken = try skim(Self.handMade[5])
        #expect(broken.map(\.id) == ["ok", nil, "after"])
        #expect(broken[1].malformed?.hasPrefix("item is not valid JSON: expected ',' or closing bracket") == true)
        #expect(String(decoding: broken[1].bytes, as: UTF8.self) == #"{"id":"bad" "x":1}"#)
    }
}
