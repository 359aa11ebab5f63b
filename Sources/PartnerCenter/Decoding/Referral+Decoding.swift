extension Referral {
    /// Maps one parsed `value` element to a `Referral`, leniently: every field but `id` may be missing or null,
    /// `dealValue` may be a number or a string (kept as text), unknown fields are ignored here and kept in `raw`.
    /// A field of the wrong type (e.g. `team: "x"`) throws, naming the field and carrying the id when it had one.
    /// `notes` are what the parser noticed in this item (`rawNotes`).
    init(json: JSONValue, raw: String, notes: [RawJSONNote] = []) throws(ReferralShapeError) {
        guard case .object(let members) = json else {
            throw ReferralShapeError(
                reason: "item is \(json.typeName == "array" ? "an" : "a") \(json.typeName), expected an object")
        }
        let f = JSONFields(members)
        guard let id = try f.string("id") else { throw ReferralShapeError(reason: "missing \"id\"") }
        guard !id.isEmpty else { throw ReferralShapeError(reason: "empty \"id\"") }
        do throws(ReferralShapeError) {
            self = try Referral(id: id, raw: raw, fields: f)
        } catch {
            throw ReferralShapeError(reason: error.reason, referralId: id)
        }
        rawNotes = notes
    }

    private init(id: String, raw: String, fields f: JSONFields) throws(ReferralShapeError) {
        self.init(id: id, raw: raw)
        engagementId = try f.string("engagementId")
        organizationId = try f.string("organizationId")
        organizationName = try f.string("organizationName")
        name = try f.string("name")
        externalReferenceId = try f.string("externalReferenceId")
        createdDateTime = try f.string("createdDateTime")
        updatedDateTime = try f.string("updatedDateTime")
        expirationDateTime = try f.string("expirationDateTime")
        acceptedDateTime = try f.string("acceptedDateTime")
        status = try f.string("status")
        substatus = try f.string("substatus")
        statusReason = try f.string("statusReason")
        type = try f.string("type")
        qualification = try f.string("qualification")
        direction = try f.string("direction")
        referralSource = try f.string("referralSource")
        callToAction = try f.string("callToAction")
        customerMarketplaceIntent = try f.string("customerMarketplaceIntent")
        eTag = try f.string("eTag")
        customerProfile = try f.object("customerProfile").map(Self.customerProfile)
        consent = try f.object("consent").map(Self.consent)
        details = try f.object("details").map(Self.details)
        team = try f.objects("team", Self.member)
        inviteContext = try f.object("inviteContext").map(Self.inviteContext)
        target = try f.objects("target") { (t) throws(ReferralShapeError) in
            Target(id: try t.string("id"), type: try t.string("type"))
        }
    }

    private static func customerProfile(_ f: JSONFields) throws(ReferralShapeError) -> CustomerProfile {
        // `ids` is `{}`, `[]` or an array depending on the example: not modelled, kept in `raw`.
        CustomerProfile(
            name: try f.string("name"), address: try f.object("address").map(address), size: try f.string("size"),
            team: try f.objects("team", member))
    }

    private static func address(_ f: JSONFields) throws(ReferralShapeError) -> Address {
        Address(
            addressLine1: try f.string("addressLine1"), addressLine2: try f.string("addressLine2"),
            city: try f.string("city"), state: try f.string("state"), postalCode: try f.string("postalCode"),
            country: try f.string("country"), region: try f.string("region"))
    }

    private static func member(_ f: JSONFields) throws(ReferralShapeError) -> Member {
        let preference = try f.object("contactPreference").map { (p) throws(ReferralShapeError) in
            ContactPreference(locale: try p.string("locale"), disableNotifications: try p.bool("disableNotifications"))
        }
        return Member(
            firstName: try f.string("firstName"), lastName: try f.string("lastName"),
            phoneNumber: try f.string("phoneNumber"), email: try f.string("email"), contactPreference: preference)
    }

    private static func consent(_ f: JSONFields) throws(ReferralShapeError) -> Consent {
        var consent = Consent()
        consent.consentToToShareInfoWithOthers = try f.bool("consentToToShareInfoWithOthers")
        consent.consentToContact = try f.bool("consentToContact")
        consent.consentToMicrosoftToContactSpecificPartners = try f.bool("consentToMicrosoftToContactSpecificPartners")
        consent.consentToShareReferralWithMicrosoftSellers = try f.bool("consentToShareReferralWithMicrosoftSellers")
        return consent
    }

    private static func details(_ f: JSONFields) throws(ReferralShapeError) -> Details {
        Details(
            notes: try f.string("notes"), dealValue: try f.numberText("dealValue"), currency: try f.string("currency"),
            closingDateTime: try f.string("closingDateTime"),
            requirements: try f.object("requirements").map(requirements))
    }

    private static func requirements(_ f: JSONFields) throws(ReferralShapeError) -> Requirements {
        Requirements(
            industries: try f.objects("industries", tag), products: try f.objects("products", tag),
            services: try f.objects("services", tag), solutions: try f.objects("solutions", tag))
    }

    private static func tag(_ f: JSONFields) throws(ReferralShapeError) -> Tag {
        Tag(id: try f.string("id"), name: try f.string("name"), type: try f.string("type"))
    }

    private static func inviteContext(_ f: JSONFields) throws(ReferralShapeError) -> InviteContext {
        let invitedBy = try f.object("invitedBy").map { (o) throws(ReferralShapeError) in
            Organization(
                organizationId: try o.string("organizationId"), organizationName: try o.string("organizationName"))
        }
        return InviteContext(notes: try f.string("notes"), invitedBy: invitedBy)
    }
}
