import Foundation
import PartnerCenter

/// Test-only access to the named JSON fixtures, and a small JSONSerialization-based mapping to `Referral`.
///
/// This is not the production decoder (that lives in PartnerCenter); it exists so Warehouse tests can state
/// their inputs as JSON. Numbers become their `NSNumber` text, so fixtures use integral deal values.
enum Fixture {
    struct Missing: Error { var name: String }

    /// The fixture's text, byte for byte.
    static func text(_ name: String) throws -> String {
        guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures") else {
            throw Missing(name: name)
        }
        return try String(contentsOf: url, encoding: .utf8)
    }

    /// The fixture as a Referral, with `raw` set to its text.
    static func referral(_ name: String) throws -> Referral {
        try referral(json: text(name))
    }

    /// A Referral from JSON text, with `raw` set to the text.
    static func referral(json: String) throws -> Referral {
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] ?? [:]
        var r = Referral(id: object["id"] as? String ?? "", raw: json)
        r.engagementId = object["engagementId"] as? String
        r.organizationId = object["organizationId"] as? String
        r.organizationName = object["organizationName"] as? String
        r.name = object["name"] as? String
        r.externalReferenceId = object["externalReferenceId"] as? String
        r.createdDateTime = object["createdDateTime"] as? String
        r.updatedDateTime = object["updatedDateTime"] as? String
        r.expirationDateTime = object["expirationDateTime"] as? String
        r.acceptedDateTime = object["acceptedDateTime"] as? String
        r.status = object["status"] as? String
        r.substatus = object["substatus"] as? String
        r.statusReason = object["statusReason"] as? String
        r.type = object["type"] as? String
        r.qualification = object["qualification"] as? String
        r.direction = object["direction"] as? String
        r.referralSource = object["referralSource"] as? String
        r.callToAction = object["callToAction"] as? String
        r.customerMarketplaceIntent = object["customerMarketplaceIntent"] as? String
        r.eTag = object["eTag"] as? String
        if let profile = object["customerProfile"] as? [String: Any] {
            var address: Referral.Address?
            if let a = profile["address"] as? [String: Any] {
                address = Referral.Address(
                    addressLine1: a["addressLine1"] as? String, addressLine2: a["addressLine2"] as? String,
                    city: a["city"] as? String, state: a["state"] as? String, postalCode: a["postalCode"] as? String,
                    country: a["country"] as? String, region: a["region"] as? String)
            }
            r.customerProfile = Referral.CustomerProfile(
                name: profile["name"] as? String, address: address, size: profile["size"] as? String,
                team: members(profile["team"]))
        }
        if let c = object["consent"] as? [String: Any] {
            var consent = Referral.Consent()
            consent.consentToToShareInfoWithOthers = c["consentToToShareInfoWithOthers"] as? Bool
            consent.consentToContact = c["consentToContact"] as? Bool
            consent.consentToMicrosoftToContactSpecificPartners =
                c["consentToMicrosoftToContactSpecificPartners"] as? Bool
            consent.consentToShareReferralWithMicrosoftSellers =
                c["consentToShareReferralWithMicrosoftSellers"] as? Bool
            r.consent = consent
        }
        if let d = object["details"] as? [String: Any] {
            var dealValue: String?
            if let text = d["dealValue"] as? String {
                dealValue = text
            } else if let number = d["dealValue"] as? NSNumber {
                dealValue = number.stringValue
            }
            var requirements: Referral.Requirements?
            if let q = d["requirements"] as? [String: Any] {
                requirements = Referral.Requirements(
                    industries: tags(q["industries"]), products: tags(q["products"]), services: tags(q["services"]),
                    solutions: tags(q["solutions"]))
            }
            r.details = Referral.Details(
                notes: d["notes"] as? String, dealValue: dealValue, currency: d["currency"] as? String,
                closingDateTime: d["closingDateTime"] as? String, requirements: requirements)
        }
        r.team = members(object["team"])
        if let i = object["inviteContext"] as? [String: Any] {
            var invitedBy: Referral.Organization?
            if let o = i["invitedBy"] as? [String: Any] {
                invitedBy = Referral.Organization(
                    organizationId: o["organizationId"] as? String, organizationName: o["organizationName"] as? String)
            }
            r.inviteContext = Referral.InviteContext(notes: i["notes"] as? String, invitedBy: invitedBy)
        }
        return r
    }

    private static func members(_ value: Any?) -> [Referral.Member]? {
        (value as? [[String: Any]])?.map { m in
            var preference: Referral.ContactPreference?
            if let p = m["contactPreference"] as? [String: Any] {
                preference = Referral.ContactPreference(
                    locale: p["locale"] as? String, disableNotifications: p["disableNotifications"] as? Bool)
            }
            return Referral.Member(
                firstName: m["firstName"] as? String, lastName: m["lastName"] as? String,
                phoneNumber: m["phoneNumber"] as? String, email: m["email"] as? String, contactPreference: preference)
        }
    }

    private static func tags(_ value: Any?) -> [Referral.Tag]? {
        (value as? [[String: Any]])?.map { t in
            Referral.Tag(id: t["id"] as? String, name: t["name"] as? String, type: t["type"] as? String)
        }
    }
}
