import PartnerCenter

extension Referral {
    /// The first text value bound for a `text` column that holds U+0000, named by its path in the API's JSON
    /// (`details.notes`, `team[0].email`, …); nil when there is none. See docs/transform.md#validation.
    ///
    /// Paths of array items are built only for the hit: this runs on every referral.
    func firstFieldContainingNUL() -> (field: String, value: String)? {
        func first(_ candidates: [(String, String?)]) -> (field: String, value: String)? {
            for (field, value) in candidates {
                if let value, StoredText.containsNUL(value) { return (field, value) }
            }
            return nil
        }
        if let hit = first([
            ("id", id), ("engagementId", engagementId), ("organizationId", organizationId),
            ("organizationName", organizationName), ("name", name), ("externalReferenceId", externalReferenceId),
            ("status", status), ("substatus", substatus), ("statusReason", statusReason), ("type", type),
            ("qualification", qualification), ("direction", direction), ("referralSource", referralSource),
            ("callToAction", callToAction), ("customerMarketplaceIntent", customerMarketplaceIntent),
            ("eTag", eTag), ("details.notes", details?.notes), ("details.currency", details?.currency),
            ("inviteContext.notes", inviteContext?.notes),
            ("inviteContext.invitedBy.organizationId", inviteContext?.invitedBy?.organizationId),
            ("inviteContext.invitedBy.organizationName", inviteContext?.invitedBy?.organizationName),
        ]) {
            return hit
        }
        if let customer = customerProfile,
            let hit = first([
                ("customerProfile.name", customer.name), ("customerProfile.size", customer.size),
                ("customerProfile.address.addressLine1", customer.address?.addressLine1),
                ("customerProfile.address.addressLine2", customer.address?.addressLine2),
                ("customerProfile.address.city", customer.address?.city),
                ("customerProfile.address.state", customer.address?.state),
                ("customerProfile.address.postalCode", customer.address?.postalCode),
                ("customerProfile.address.country", customer.address?.country),
                ("customerProfile.address.region", customer.address?.region),
            ])
        {
            return hit
        }
        for (path, members) in [("team", team), ("customerProfile.team", customerProfile?.team)] {
            for (position, member) in (members ?? []).enumerated() {
                if let hit = first([
                    ("firstName", member.firstName), ("lastName", member.lastName), ("email", member.email),
                    ("phoneNumber", member.phoneNumber), ("contactPreference.locale", member.contactPreference?.locale),
                ]) {
                    return ("\(path)[\(position)].\(hit.field)", hit.value)
                }
            }
        }
        for kind in RequirementKind.allCases {
            for (position, tag) in requirementTags(kind).enumerated() {
                if let hit = first([("id", tag.id), ("name", tag.name), ("type", tag.type)]) {
                    return ("details.requirements.\(kind.arrayName)[\(position)].\(hit.field)", hit.value)
                }
            }
        }
        return nil
    }

    /// The items of one of the four requirement arrays (empty when absent).
    func requirementTags(_ kind: RequirementKind) -> [Tag] {
        let requirements = details?.requirements
        switch kind {
        case .industry: return requirements?.industries ?? []
        case .product: return requirements?.products ?? []
        case .service: return requirements?.services ?? []
        case .solution: return requirements?.solutions ?? []
        }
    }
}
