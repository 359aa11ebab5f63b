import PartnerCenter
import Testing
import Warehouse

@Suite("The §9 example, field by field")
struct FullExampleTests {
    let source: Referral
    let rows: NormalizedReferral

    init() throws {
        source = try Fixture.referral("full-example")
        rows = try Normalize.rows(source)
    }

    @Test("referral row: identity, names, timestamps")
    func identity() throws {
        let row = rows.referral
        #expect(row.id == "61c65491-2f2c-461a-84b4-3654499bc1d9")
        #expect(row.engagementId == "b1c40bb4-6d36-4eca-baa3-e1460cf2a454")
        #expect(row.organizationId == "7d23e5ca-19dc-4eaa-aac8-5e6b559f0d1d")
        #expect(row.organizationName == "Contoso Partner Ltd")
        #expect(row.name == "Fabrikam – Dynamics 365 supply chain rollout")
        #expect(row.externalReferenceId == "CRM-OPP-004211")
        #expect(row.createdAt == (try Normalize.timestamp("2025-03-03T09:15:42.4579542Z")))
        #expect(row.updatedAt == (try Normalize.timestamp("2025-03-05T16:02:10.12Z")))
        #expect(row.expiresAt == (try Normalize.timestamp("2025-03-17T00:00:00Z")))
        #expect(row.acceptedAt == (try Normalize.timestamp("2025-03-04T08:00:00Z")))
        #expect(row.closingAt == (try Normalize.timestamp("2025-06-30T00:00:00Z")))
    }

    @Test("referral row: status, classification, deal, consent, invite")
    func attributes() {
        let row = rows.referral
        #expect(row.status == "Active")
        #expect(row.substatus == "Accepted")
        #expect(row.statusReason == nil)
        #expect(row.type == "Shared")
        #expect(row.qualification == "SalesQualified")
        #expect(row.direction == "Incoming")
        #expect(row.referralSource == "AzureMarketplace")
        #expect(row.callToAction == "ContactMe")
        #expect(row.customerMarketplaceIntent == "HaveNotDecided")
        #expect(row.dealValue?.text == "50000")
        #expect(row.currency == "USD")
        #expect(row.notes == "Customer wants Dynamics 365 for supply chain plus custom apps.")
        #expect(row.customerKey == "26360e8ee98853301b7c19b3aca1ca9e")
        #expect(row.invitedByOrganizationId == "msft")
        #expect(row.invitedByOrganizationName == "Microsoft")
        #expect(row.inviteNotes == "Hi Contoso, can you help this customer? – John @ Microsoft")
        #expect(row.consentToShareInfoWithOthers == true)
        #expect(row.consentToContact == true)
        #expect(row.consentToMicrosoftToContactSpecificPartners == true)
        #expect(row.consentToShareReferralWithMicrosoftSellers == true)
        #expect(row.etag == "\"2500ec5a-0000-0000-0000-5bf4967d0000\"")
        #expect(row.raw == source.raw)
        #expect(row.raw.contains("\"additionalRequirements\""))
    }

    @Test("referral row renders every column")
    func referralFields() {
        let fields = rows.referral.fields
        #expect(fields.count == ReferralRow.columns.count)
        let byColumn = Dictionary(uniqueKeysWithValues: zip(ReferralRow.columnNames, fields))
        #expect(byColumn["created_at"] == "2025-03-03T09:15:42.457954Z")
        #expect(byColumn["updated_at"] == "2025-03-05T16:02:10.120000Z")
        #expect(byColumn["expires_at"] == "2025-03-17T00:00:00.000000Z")
        #expect(byColumn["closing_at"] == "2025-06-30T00:00:00.000000Z")
        #expect(byColumn["status_reason"] == .some(nil))
        #expect(byColumn["deal_value"] == "50000")
        #expect(byColumn["consent_to_share_info_with_others"] == "t")
        #expect(byColumn["customer_key"] == "26360e8ee98853301b7c19b3aca1ca9e")
        #expect(byColumn["raw"] == source.raw)
    }

    @Test("customer row carries the address and the referral's updated_at")
    func customer() throws {
        let customer = try #require(rows.customer)
        #expect(
            customer
                == CustomerRow(
                    customerKey: "26360e8ee98853301b7c19b3aca1ca9e", name: "Fabrikam Customer Inc",
                    addressLine1: "1 Main Street", addressLine2: "Suite 34", city: "Redmond", state: "WA",
                    postalCode: "98052", country: "US", region: "Washington", size: "251to1000employees",
                    sourceUpdatedAt: rows.referral.updatedAt))
        #expect(customer.fields.last == "2025-03-05T16:02:10.120000Z")
    }

    @Test("requirements: one per item, solutions with name and type, others without")
    func requirements() {
        #expect(
            rows.requirements == [
                RequirementRow(kind: .industry, code: "Manufacturing"),
                RequirementRow(kind: .product, code: "Dynamics365Enterprise"),
                RequirementRow(kind: .service, code: "DeploymentOrMigration"),
                RequirementRow(
                    kind: .solution, code: "Dynamics365forFieldService", name: "Dynamics 365 for Field Service",
                    solutionType: "Category"),
                RequirementRow(kind: .solution, code: "SOL-15974-MQF", name: "Contoso Field App", solutionType: "Name"),
            ])
        #expect(rows.referralRequirements.map(\.position) == [0, 0, 0, 0, 1])
        #expect(rows.referralRequirements.map(\.requirementKey) == rows.requirements.map(\.requirementKey))
        #expect(rows.referralRequirements.allSatisfy { $0.referralId == "61c65491-2f2c-461a-84b4-3654499bc1d9" })
    }

    @Test("team: partner John at 0, customer Sue at 0")
    func team() {
        let id = "61c65491-2f2c-461a-84b4-3654499bc1d9"
        #expect(
            rows.teamMembers == [
                TeamMemberRow(
                    referralId: id, side: .partner, position: 0, firstName: "John", lastName: "Doe",
                    email: "john.doe@contoso.example", phoneNumber: "1231231234", locale: "en-US",
                    disableNotifications: false),
                TeamMemberRow(
                    referralId: id, side: .customer, position: 0, firstName: "Sue", lastName: "Smith",
                    email: "sue.smith@fabrikam.example", phoneNumber: "1234567890", locale: "en-US",
                    disableNotifications: false),
            ])
        #expect(rows.childRowCount == 7)
    }
}
