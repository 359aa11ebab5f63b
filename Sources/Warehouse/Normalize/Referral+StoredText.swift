import PartnerCenter

extension Referral {
    /// Every text value of this referral that goes into a `text` column, named by its path in the API's JSON
    /// (`details.notes`, `team[0].email`, …), for the NUL check. See docs/transform.md#validation.
    var storedTextFields: [(field: String, value: String?)] {
        var fields: [(field: String, value: String?)] = [
            ("id", id), ("engagementId", engagementId), ("organizationId", organizationId),
            ("organizationName", organizationName), ("name", name), ("externalReferenceId", externalReferenceId),
            ("status", status), ("substatus", substatus), ("statusReason", statusReason), ("type", type),
            ("qualification", qualification), ("direction", direction), ("referralSource", referralSource),
            ("callToAction", callToAction), ("customerMarketplaceIntent", customerMarketplaceIntent),
            ("eTag", eTag), ("details.notes", details?.notes), ("details.currency", details?.currency),
            ("inviteContext.notes", inviteContext?.notes),
            ("inviteContext.invitedBy.organizationId", inviteContext?.invitedBy?.organizationId),
            ("inviteContext.invitedBy.organizationName", inviteContext?.invitedBy?.organizationName),
        ]
        if let customer = customerProfile {
            let address = customer.address
            fields += [
                ("customerProfile.name", customer.name), ("customerProfile.size", customer.size),
                ("customerProfile.address.addressLine1", address?.addressLine1),
                ("customerProfile.address.addressLine2", address?.addressLine2),
                ("customerProfile.address.city", address?.city), ("customerProfile.address.state", address?.state),
                ("customerProfile.address.postalCode", address?.postalCode),
                ("customerProfile.address.country", address?.country),
                ("customerProfile.address.region", address?.region),
            ]
        }
        for (path, members) in [("team", team), ("customerProfile.team", customerProfile?.team)] {
            for (position, member) in (members ?? []).enumerated() {
                let prefix = "\(path)[\(position)]."
                fields += [
                    (prefix + "firstName", member.firstName), (prefix + "lastName", member.lastName),
                    (prefix + "email", member.email), (prefix + "phoneNumber", member.phoneNumber),
                    (prefix + "contactPreference.locale", member.contactPreference?.locale),
                ]
            }
        }
        for kind in RequirementKind.allCases {
            for (position, tag) in requirementTags(kind).enumerated() {
                let prefix = "details.requirements.\(kind.arrayName)[\(position)]."
                fields += [(prefix + "id", tag.id), (prefix + "name", tag.name), (prefix + "type", tag.type)]
            }
        }
        return fields
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
