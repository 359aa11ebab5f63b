import PartnerCenter

/// A row of `referrals`, the fact table: one per referral id, typed; `fields` renders it for COPY.
///
/// The loader adds `run_id`, `loaded_at`, `first_seen_at` and `last_seen_at`; this row carries what the API sent.
public struct ReferralRow: WarehouseRow {
    /// The table this row goes to.
    public static let table = "referrals"

    /// The PostgreSQL column names, in COPY order.
    public static let columns = [
        "id", "engagement_id", "organization_id", "organization_name", "name", "external_reference_id",
        "created_at", "updated_at", "expires_at", "accepted_at", "closing_at",
        "status", "substatus", "status_reason", "type", "qualification", "direction",
        "referral_source", "call_to_action", "customer_marketplace_intent",
        "deal_value", "currency", "notes", "customer_key",
        "invited_by_organization_id", "invited_by_organization_name", "invite_notes",
        "consent_to_share_info_with_others", "consent_to_contact",
        "consent_to_microsoft_to_contact_specific_partners", "consent_to_share_referral_with_microsoft_sellers",
        "etag", "raw",
    ]

    /// The referral id (primary key).
    public var id: String
    /// `engagementId`: shared by the referrals of both sides of one co-sell.
    public var engagementId: String?
    /// `organizationId`: the owning partner organisation.
    public var organizationId: String?
    /// `organizationName`.
    public var organizationName: String?
    /// `name`: the referral's title.
    public var name: String?
    /// `externalReferenceId`: the partner's own CRM id (often empty).
    public var externalReferenceId: String?
    /// `createdDateTime`.
    public var createdAt: Timestamp?
    /// `updatedDateTime`: newest wins on this.
    public var updatedAt: Timestamp?
    /// `expirationDateTime`.
    public var expiresAt: Timestamp?
    /// `acceptedDateTime`.
    public var acceptedAt: Timestamp?
    /// `details.closingDateTime`.
    public var closingAt: Timestamp?
    /// `status` (free text: new values appear without notice).
    public var status: String?
    /// `substatus`.
    public var substatus: String?
    /// `statusReason`.
    public var statusReason: String?
    /// `type` (`Independent`, `Shared`, …).
    public var type: String?
    /// `qualification`.
    public var qualification: String?
    /// `direction` (`Incoming`, `Outgoing`).
    public var direction: String?
    /// `referralSource`.
    public var referralSource: String?
    /// `callToAction`.
    public var callToAction: String?
    /// `customerMarketplaceIntent`.
    public var customerMarketplaceIntent: String?
    /// `details.dealValue`, validated; stored as `numeric`.
    public var dealValue: DecimalText?
    /// `details.currency`.
    public var currency: String?
    /// `details.notes`.
    public var notes: String?
    /// The `customers` row this referral points to; nil when the customer has no name.
    public var customerKey: String?
    /// `inviteContext.invitedBy.organizationId` (a GUID, or `msft`).
    public var invitedByOrganizationId: String?
    /// `inviteContext.invitedBy.organizationName`.
    public var invitedByOrganizationName: String?
    /// `inviteContext.notes`.
    public var inviteNotes: String?
    /// `consent.consentToToShareInfoWithOthers` (the API's own spelling has the doubled "To").
    public var consentToShareInfoWithOthers: Bool?
    /// `consent.consentToContact`.
    public var consentToContact: Bool?
    /// `consent.consentToMicrosoftToContactSpecificPartners`.
    public var consentToMicrosoftToContactSpecificPartners: Bool?
    /// `consent.consentToShareReferralWithMicrosoftSellers` (false: a private deal).
    public var consentToShareReferralWithMicrosoftSellers: Bool?
    /// `eTag`, quotes included, as sent.
    public var etag: String?
    /// The referral's original JSON text (`Referral.raw`), stored as `jsonb`.
    public var raw: String

    /// A row with only the id and raw JSON set; the normalizer fills in the rest.
    public init(id: String, raw: String) {
        self.id = id
        self.raw = raw
    }

    /// The COPY values, in the order of `columns`.
    public var fields: [String?] {
        [
            id, engagementId, organizationId, organizationName, name, externalReferenceId,
            CopyField.timestamp(createdAt), CopyField.timestamp(updatedAt), CopyField.timestamp(expiresAt),
            CopyField.timestamp(acceptedAt), CopyField.timestamp(closingAt),
            status, substatus, statusReason, type, qualification, direction,
            referralSource, callToAction, customerMarketplaceIntent,
            dealValue?.text, currency, notes, customerKey,
            invitedByOrganizationId, invitedByOrganizationName, inviteNotes,
            CopyField.boolean(consentToShareInfoWithOthers), CopyField.boolean(consentToContact),
            CopyField.boolean(consentToMicrosoftToContactSpecificPartners),
            CopyField.boolean(consentToShareReferralWithMicrosoftSellers),
            etag, raw,
        ]
    }
}
