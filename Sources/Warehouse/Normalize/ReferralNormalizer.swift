import PartnerCenter

/// Turns one `Referral` into its rows, or into a `Rejection` when it cannot be stored. Pure and stateless.
///
/// See docs/transform.md for the mapping, the key derivation and the validation rules.
public struct ReferralNormalizer: Sendable {
    /// A normalizer.
    public init() {}

    /// The referral's rows, or its rejection.
    public func normalize(_ referral: Referral) -> NormalizationOutcome {
        do {
            return .normalized(try rows(of: referral))
        } catch {
            return .rejected(Rejection(referralId: referral.id, reason: error.text, raw: referral.raw))
        }
    }

    private func rows(of source: Referral) throws(RejectionReason) -> NormalizedReferral {
        try ReferralValidator.requireID(source.id)
        for (field, value) in [
            ("id", source.id), ("engagementId", source.engagementId), ("organizationId", source.organizationId),
        ] {
            try ReferralValidator.checkKeyLength(value, field: field)
        }
        var row = ReferralRow(id: source.id, raw: source.raw)
        row.createdAt = try ReferralValidator.timestamp(source.createdDateTime, field: "createdDateTime")
        row.updatedAt = try ReferralValidator.timestamp(source.updatedDateTime, field: "updatedDateTime")
        row.expiresAt = try ReferralValidator.timestamp(source.expirationDateTime, field: "expirationDateTime")
        row.acceptedAt = try ReferralValidator.timestamp(source.acceptedDateTime, field: "acceptedDateTime")
        row.closingAt = try ReferralValidator.timestamp(
            source.details?.closingDateTime, field: "details.closingDateTime")
        row.dealValue = try ReferralValidator.decimal(source.details?.dealValue, field: "details.dealValue")
        let (requirements, bridges) = try requirementRows(of: source)
        try ReferralValidator.checkStorableJSON(source)

        row.engagementId = source.engagementId
        row.organizationId = source.organizationId
        row.organizationName = source.organizationName
        row.name = source.name
        row.externalReferenceId = source.externalReferenceId
        row.status = source.status
        row.substatus = source.substatus
        row.statusReason = source.statusReason
        row.type = source.type
        row.qualification = source.qualification
        row.direction = source.direction
        row.referralSource = source.referralSource
        row.callToAction = source.callToAction
        row.customerMarketplaceIntent = source.customerMarketplaceIntent
        row.currency = source.details?.currency
        row.notes = source.details?.notes
        row.invitedByOrganizationId = source.inviteContext?.invitedBy?.organizationId
        row.invitedByOrganizationName = source.inviteContext?.invitedBy?.organizationName
        row.inviteNotes = source.inviteContext?.notes
        row.consentToShareInfoWithOthers = source.consent?.consentToToShareInfoWithOthers
        row.consentToContact = source.consent?.consentToContact
        row.consentToMicrosoftToContactSpecificPartners = source.consent?.consentToMicrosoftToContactSpecificPartners
        row.consentToShareReferralWithMicrosoftSellers = source.consent?.consentToShareReferralWithMicrosoftSellers
        row.etag = source.eTag

        let customer = customerRow(of: source.customerProfile, updatedAt: row.updatedAt)
        row.customerKey = customer?.customerKey
        return NormalizedReferral(
            referral: row, customer: customer, requirements: requirements, referralRequirements: bridges,
            teamMembers: teamRows(of: source))
    }

    /// The customer dimension row; nil without a non-blank name. See docs/transform.md#keys.
    private func customerRow(of profile: Referral.CustomerProfile?, updatedAt: Timestamp?) -> CustomerRow? {
        guard let profile, let name = profile.name, !StoredText.isBlank(name) else { return nil }
        let address = profile.address
        guard let key = CustomerKey.make(name: name, country: address?.country, postalCode: address?.postalCode)
        else { return nil }
        return CustomerRow(
            customerKey: key, name: name, addressLine1: address?.addressLine1, addressLine2: address?.addressLine2,
            city: address?.city, state: address?.state, postalCode: address?.postalCode, country: address?.country,
            region: address?.region, size: profile.size, sourceUpdatedAt: updatedAt)
    }

    /// Requirement and bridge rows: items without an id are skipped; a code repeated within a referral gets
    /// one bridge row, at its first position (the bridge's primary key is referral and requirement).
    private func requirementRows(
        of source: Referral
    ) throws(RejectionReason) -> ([RequirementRow], [ReferralRequirementRow]) {
        var requirements: [RequirementRow] = []
        var bridges: [ReferralRequirementRow] = []
        var indexByKey: [String: Int] = [:]
        for kind in RequirementKind.allCases {
            for (position, tag) in source.requirementTags(kind).enumerated() {
                guard let code = tag.id, !StoredText.isBlank(code) else { continue }
                try ReferralValidator.checkKeyLength(
                    code, field: "details.requirements.\(kind.arrayName)[\(position)].id")
                let requirement =
                    kind == .solution
                    ? RequirementRow(kind: kind, code: code, name: tag.name, solutionType: tag.type)
                    : RequirementRow(kind: kind, code: code)
                if let index = indexByKey[requirement.requirementKey] {
                    requirements[index].merge(requirement)
                    continue
                }
                indexByKey[requirement.requirementKey] = requirements.count
                requirements.append(requirement)
                bridges.append(
                    ReferralRequirementRow(
                        referralId: source.id, requirementKey: requirement.requirementKey, position: position))
            }
        }
        return (requirements, bridges)
    }

    /// Team rows, partner side then customer side, each member at its array index.
    private func teamRows(of source: Referral) -> [TeamMemberRow] {
        var rows: [TeamMemberRow] = []
        for (side, members) in [(TeamSide.partner, source.team), (.customer, source.customerProfile?.team)] {
            for (position, member) in (members ?? []).enumerated() {
                rows.append(
                    TeamMemberRow(
                        referralId: source.id, side: side, position: position, firstName: member.firstName,
                        lastName: member.lastName, email: member.email, phoneNumber: member.phoneNumber,
                        locale: member.contactPreference?.locale,
                        disableNotifications: member.contactPreference?.disableNotifications))
            }
        }
        return rows
    }
}
