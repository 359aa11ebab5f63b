import PartnerCenter
import Testing
import Warehouse

@Suite("Edge-case fixtures")
struct FixtureEdgeCaseTests {
    @Test("an id-only referral is a row of nulls with no children")
    func minimal() throws {
        let rows = try Normalize.rows(try Fixture.referral("minimal-id-only"))
        #expect(rows.referral.id == "00000000-0000-0000-0000-000000000001")
        #expect(rows.customer == nil)
        #expect(rows.requirements.isEmpty && rows.referralRequirements.isEmpty && rows.teamMembers.isEmpty)
        let fields = rows.referral.fields
        #expect(fields.first == "00000000-0000-0000-0000-000000000001")
        // raw is the element's own bytes, as inside a page: without the file's final newline.
        #expect(fields.dropLast().last == #"{ "id": "00000000-0000-0000-0000-000000000001" }"#)
        #expect(fields.last == rows.referral.rawDigest)
        #expect(fields.dropFirst().dropLast(2).allSatisfy { $0 == nil })
    }

    @Test("explicit nulls are NULL, empty strings stay empty strings")
    func nullsAndEmpty() throws {
        let rows = try Normalize.rows(try Fixture.referral("null-everywhere"))
        let byColumn = Dictionary(uniqueKeysWithValues: zip(ReferralRow.columnNames, rows.referral.fields))
        #expect(byColumn["external_reference_id"] == "")
        #expect(byColumn["notes"] == "")
        #expect(byColumn["name"] == .some(nil))
        #expect(byColumn["deal_value"] == .some(nil))
        #expect(byColumn["updated_at"] == .some(nil))
    }

    @Test("a deal value sent as a string is trimmed decimal text")
    func dealValueString() throws {
        let rows = try Normalize.rows(try Fixture.referral("deal-value-string"))
        #expect(rows.referral.dealValue?.text == "10000.50")
        #expect(rows.referral.currency == "EUR")
    }

    @Test("a blank deal value is NULL, not a rejection")
    func dealValueBlank() throws {
        let rows = try Normalize.rows(try Fixture.referral("deal-value-blank"))
        #expect(rows.referral.dealValue == nil)
        #expect(rows.referral.currency == "EUR")
    }

    @Test("0 to 7 fractional digits and offsets become UTC microseconds")
    func timestamps() throws {
        let fields = try Normalize.rows(try Fixture.referral("timestamps-7-digits")).referral.fields
        let byColumn = Dictionary(uniqueKeysWithValues: zip(ReferralRow.columnNames, fields))
        #expect(byColumn["created_at"] == "2018-10-30T21:03:42.457954Z")
        #expect(byColumn["updated_at"] == "2020-10-30T21:03:00.000000Z")
        #expect(byColumn["expires_at"] == "2018-11-13T00:00:00.000000Z")
        #expect(byColumn["accepted_at"] == "2025-03-04T08:00:00.123456Z")
        #expect(byColumn["closing_at"] == "2025-06-30T00:00:00.500000Z")
    }

    @Test("customerProfile.ids as an object does not matter; raw keeps it")
    func idsAsObject() throws {
        let rows = try Normalize.rows(try Fixture.referral("ids-as-object"))
        #expect(rows.customer?.name == "Northwind Traders")
        #expect(rows.customer?.country == "NO")
        #expect(
            rows.customer?.customerKey == CustomerKey.make(name: "northwind traders", country: "no", postalCode: "0150")
        )
        #expect(rows.referral.raw.contains("\"ids\": {}"))
    }

    @Test("no customer profile: no customer key, no customer row, the partner team still there")
    func noCustomer() throws {
        let rows = try Normalize.rows(try Fixture.referral("no-customer"))
        #expect(rows.referral.customerKey == nil)
        #expect(rows.customer == nil)
        #expect(rows.teamMembers.map(\.side) == [.partner])
        #expect(rows.teamMembers.first?.email == "ann@contoso.example")
    }

    @Test("a blank customer name: no customer row, but customer contacts are kept with their positions")
    func blankCustomerName() throws {
        let rows = try Normalize.rows(try Fixture.referral("blank-customer-name"))
        #expect(rows.referral.customerKey == nil)
        #expect(rows.customer == nil)
        #expect(rows.teamMembers.map(\.side) == [.customer, .customer])
        #expect(rows.teamMembers.map(\.position) == [0, 1])
        #expect(rows.teamMembers[1].lastName == "Lee")
        #expect(rows.teamMembers[1].fields.last == "t")
        #expect(rows.teamMembers[0].fields.last == .some(nil))
    }

    @Test("requirements: blank ids skipped, positions are array indexes, repeats merge into the first")
    func requirementGaps() throws {
        let rows = try Normalize.rows(try Fixture.referral("requirements-with-gaps"))
        #expect(rows.requirements.map(\.kind) == [.industry, .product, .product, .solution])
        #expect(rows.requirements.map(\.code) == ["Education", "Azure", "Teams", "SOL-1"])
        #expect(rows.referralRequirements.map(\.position) == [0, 0, 3, 0])
        #expect(Set(rows.referralRequirements.map(\.requirementKey)).count == rows.referralRequirements.count)
        #expect(rows.requirements[3].name == "Contoso App")
        #expect(rows.requirements[3].solutionType == "Name")
        #expect(rows.requirements[0].name == nil)
    }

    @Test("an escaped backslash before u0000 and a surrogate pair are storable")
    func escapedBackslash() throws {
        let rows = try Normalize.rows(try Fixture.referral("escaped-backslash-u0000"))
        #expect(rows.referral.notes == "a literal \\u0000 is six characters, and 😀 is a pair")
    }
}
