import PartnerCenter

/// A row of `referrals`, the fact table: one per referral id, typed; `fields` renders it for COPY.
///
/// The loader adds `run_id`, `loaded_at`, `first_seen_at` and `last_seen_at`; this row carries what the API sent.
public struct ReferralRow: WarehouseRow {
    /// The table this row goes to.
    public static let table = "referrals"

    /// The columns, in COPY order. The loader adds `run_id`, `loaded_at`, `first_seen_at`, `last_seen_at` and
    /// `missing_since` (docs/load.md).
    public static let columns: [WarehouseColumn<Self>] = [
        .text("id", \.id).key(), .text("engagement_id", \.engagementId), .text("organization_id", \.organizationId),
        .text("organization_name", \.organizationName), .text("name", \.name),
        .text("external_reference_id", \.externalReferenceId),
        .timestamp("created_at", \.createdAt), .timestamp("updated_at", \.updatedAt),
        .timestamp("expires_at", \.expiresAt), .timestamp("accepted_at", \.acceptedAt),
        .timestamp("closing_at", \.closingAt),
        .text("status", \.status), .text("substatus", \.substatus), .text("status_reason", \.statusReason),
        .text("type", \.type), .text("qualification", \.qualification), .text("direction", \.direction),
        .text("referral_source", \.referralSource), .text("call_to_action", \.callToAction),
        .text("customer_marketplace_intent", \.customerMarketplaceIntent),
        .numeric("deal_value", \.dealValue), .text("currency", \.currency), .text("notes", \.notes),
        .text("customer_key", \.customerKey),
        .text("invited_by_organization_id", \.invitedByOrganizationId),
        .text("invited_by_organization_name", \.invitedByOrganizationName), .text("invite_notes", \.inviteNotes),
        .boolean("consent_to_share_info_with_others", \.consentToShareInfoWithOthers),
        .boolean("consent_to_contact", \.consentToContact),
        .boolean("consent_to_microsoft_to_contact_specific_partners", \.consentToMicrosoftToContactSpecificPartners),
        .boolean("consent_to_share_referral_with_microsoft_sellers", \.consentToShareReferralWithMicrosoftSellers),
        .text("etag", \.etag), .jsonb("raw", \.raw), .text("raw_digest", \.rawDigest),
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
    public var raw: String { didSet { rawDigest = RawDigest.of(raw) } }
    /// The SHA-256 of `raw`'s UTF-8 bytes, in hex: an unchanged referral is recognised by it before COPY.
    public private(set) var rawDigest: String

    /// A row with only the id and raw JSON set; the normalizer fills in the rest.
    public init(id: String, raw: String) {
        self.id = id
        self.raw = raw
        rawDigest = RawDigest.of(raw)
    }
}
