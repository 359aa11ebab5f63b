import PartnerCenter
import Testing
import Warehouse

@Suite("Row columns and COPY fields")
struct RowFieldsTests {
    @Test("column lists are the table contract")
    func columns() {
        #expect(ReferralRow.columns.count == 34)
        #expect(ReferralRow.columnNames.prefix(3) == ["id", "engagement_id", "organization_id"])
        #expect(ReferralRow.columnNames.suffix(2) == ["raw", "raw_digest"])
        #expect(
            CustomerRow.columnNames == [
                "customer_key", "name", "address_line1", "address_line2", "city", "state", "postal_code", "country",
                "region", "size", "source_updated_at",
            ])
        #expect(RequirementRow.columnNames == ["requirement_key", "kind", "code", "name", "solution_type"])
        #expect(ReferralRequirementRow.columnNames == ["referral_id", "requirement_key", "position"])
        #expect(
            TeamMemberRow.columnNames == [
                "referral_id", "side", "position", "first_name", "last_name", "email", "phone_number", "locale",
                "disable_notifications",
            ])
        #expect(Rejection.columnNames == ["referral_id", "reason", "raw"])
        #expect(Set(ReferralRow.columnNames).count == ReferralRow.columns.count)
    }

    @Test("table names")
    func tables() {
        #expect(
            [
                ReferralRow.table, CustomerRow.table, RequirementRow.table, ReferralRequirementRow.table,
                TeamMemberRow.table, Rejection.table,
            ] == [
                "referrals", "customers", "requirements", "referral_requirements", "referral_team_members",
                "rejected_referrals",
            ])
    }

    @Test("every row's fields line up with its columns")
    func fieldCounts() throws {
        let rows = try Normalize.rows(try Fixture.referral("full-example"))
        #expect(rows.referral.fields.count == ReferralRow.columns.count)
        #expect(rows.customer?.fields.count == CustomerRow.columns.count)
        #expect(rows.requirements.allSatisfy { $0.fields.count == RequirementRow.columns.count })
        #expect(rows.referralRequirements.allSatisfy { $0.fields.count == ReferralRequirementRow.columns.count })
        #expect(rows.teamMembers.allSatisfy { $0.fields.count == TeamMemberRow.columns.count })
    }

    @Test("booleans render t and f, nil is NULL", arguments: [(true, "t"), (false, "f")])
    func booleans(value: Bool, text: String) {
        var row = ReferralRow(id: "r", raw: "{}")
        row.consentToContact = value
        let byColumn = Dictionary(uniqueKeysWithValues: zip(ReferralRow.columnNames, row.fields))
        #expect(byColumn["consent_to_contact"] == text)
        #expect(byColumn["consent_to_share_info_with_others"] == .some(nil))
    }

    @Test("timestamps render in UTC with microseconds, the 7th digit truncated")
    func timestamps() throws {
        var row = ReferralRow(id: "r", raw: "{}")
        row.createdAt = try Normalize.timestamp("2025-03-03T09:15:42.4579549Z")
        row.updatedAt = try Normalize.timestamp("2025-03-03T23:30:00-05:00")
        #expect(row.fields[6] == "2025-03-03T09:15:42.457954Z")
        #expect(row.fields[7] == "2025-03-04T04:30:00.000000Z")
    }

    @Test("team member position and side render as text")
    func teamFields() {
        let row = TeamMemberRow(referralId: "r", side: .customer, position: 12, email: "")
        #expect(row.fields == ["r", "customer", "12", nil, nil, "", nil, nil, nil])
    }

    @Test("requirement and bridge fields")
    func requirementFields() {
        let requirement = RequirementRow(kind: .product, code: "Azure")
        #expect(requirement.fields == ["4c157e6cf319b4071b6a12c6f716c964", "product", "Azure", nil, nil])
        let bridge = ReferralRequirementRow(referralId: "r", requirementKey: requirement.requirementKey, position: 3)
        #expect(bridge.fields == ["r", "4c157e6cf319b4071b6a12c6f716c964", "3"])
    }
}
