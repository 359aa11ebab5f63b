import Testing
import Warehouse

@Suite("Dimension keys")
struct KeyTests {
    // Expected values computed independently: sha256("name\x1fCOUNTRY\x1fpostal")[:16 bytes], hex.
    // Pinned: keys already stored in warehouses must not change when the hash implementation does (swift-crypto
    // replaced a hand-written SHA-256; these values were computed by both and by Python's hashlib).
    @Test(
        "stored keys do not change",
        arguments: [
            (RequirementKind.industry, "Retail", "0295d99ced83108c287704bd59c65932"),
            (.solution, "SOL-123", "2d4ec000447de0a2298d10a37ac230f9"),
            (.product, "p\u{E9}", "4404256cfe1ed5e18e942afa21b46709"),
        ])
    func pinnedRequirementKeys(kind: RequirementKind, code: String, key: String) {
        #expect(RequirementKey.make(kind: kind, code: code) == key)
    }

    @Test("customer key of the §9 customer matches an independent computation")
    func customerKeyValue() {
        #expect(
            CustomerKey.make(name: "Fabrikam Customer Inc", country: "US", postalCode: "98052")
                == "26360e8ee98853301b7c19b3aca1ca9e")
    }

    @Test(
        "customer key is stable across whitespace and case variants",
        arguments: [
            ("Fabrikam Customer Inc", "US", "98052"),
            ("  fabrikam   CUSTOMER\tinc \n", "us", " 98052 "),
            ("FABRIKAM\u{00A0}CUSTOMER\u{3000}INC", "Us", "98052"),
        ])
    func customerKeyStable(name: String, country: String, postal: String) {
        #expect(
            CustomerKey.make(name: name, country: country, postalCode: postal) == "26360e8ee98853301b7c19b3aca1ca9e")
    }

    @Test("composed and decomposed accents give the same key")
    func customerKeyNFC() {
        let composed = CustomerKey.make(name: "Caf\u{E9}", country: "FR", postalCode: "75001")
        let decomposed = CustomerKey.make(name: "Cafe\u{301}", country: "FR", postalCode: "75001")
        #expect(composed == "57f0e412be04504b31abeedd7406ad0d")
        #expect(decomposed == composed)
    }

    @Test("customer key differs by postal code, country and name")
    func customerKeyDistinguishes() {
        let base = CustomerKey.make(name: "Fabrikam", country: "US", postalCode: "98052")
        #expect(base != CustomerKey.make(name: "Fabrikam", country: "US", postalCode: "98053"))
        #expect(base != CustomerKey.make(name: "Fabrikam", country: "CA", postalCode: "98052"))
        #expect(base != CustomerKey.make(name: "Fabrikam Inc", country: "US", postalCode: "98052"))
        #expect(base != CustomerKey.make(name: "Fabrikam", country: nil, postalCode: "98052"))
    }

    @Test("missing country and postal code are empty parts, not a reason for no key")
    func customerKeyPartial() {
        let key = CustomerKey.make(name: "Fabrikam", country: nil, postalCode: nil)
        #expect(key == CustomerKey.make(name: "fabrikam", country: "", postalCode: "  "))
        #expect(key?.count == 32)
    }

    @Test("no key without a non-blank name", arguments: [nil, "", "   ", "\t\n\u{00A0}"] as [String?])
    func customerKeyNeedsName(name: String?) {
        #expect(CustomerKey.make(name: name, country: "US", postalCode: "98052") == nil)
    }

    @Test("normalize trims Unicode whitespace and collapses inner runs")
    func normalize() {
        #expect(CustomerKey.normalize("\u{2003} a \t\n b\u{00A0}\u{00A0}c  ") == "a b c")
        #expect(CustomerKey.normalize("") == "")
    }

    @Test("requirement key is the prefix of SHA-256 of kind and code")
    func requirementKey() {
        #expect(RequirementKey.make(kind: .product, code: "Azure") == "4c157e6cf319b4071b6a12c6f716c964")
        #expect(RequirementKey.make(kind: .solution, code: "SOL-15974-MQF") == "1aad0967a21672c27e3e9d8692a0abfe")
        #expect(
            RequirementKey.make(kind: .product, code: "Azure") != RequirementKey.make(kind: .service, code: "Azure"))
        #expect(
            RequirementKey.make(kind: .product, code: "Azure") != RequirementKey.make(kind: .product, code: "azure"))
    }

    @Test("keys are 32 lowercase hex characters")
    func keyShape() throws {
        let key = try #require(CustomerKey.make(name: "x", country: "y", postalCode: "z"))
        #expect(key.count == 32)
        #expect(key.allSatisfy { "0123456789abcdef".contains($0) })
    }
}
