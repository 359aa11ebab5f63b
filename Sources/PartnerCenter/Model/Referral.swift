/// One lead or co-sell opportunity as the referrals API returns it (see docs/extract.md#decoding and docs/transform.md#mapping).
///
/// Decoding is lenient by design: every field but `id` may be missing or null, timestamps and the deal
/// value are kept as the text the API sent (the Warehouse stage validates and types them), and `raw`
/// holds the referral's original JSON text so fields this model does not know are never lost.
public struct Referral: Sendable, Equatable {
    public var id: String
    public var engagementId: String?
    public var organizationId: String?
    public var organizationName: String?
    public var name: String?
    public var externalReferenceId: String?
    /// ISO 8601 text as sent (0–7 fractional digits); parse with `Timestamp(parsing:)`.
    public var createdDateTime: String?
    public var updatedDateTime: String?
    public var expirationDateTime: String?
    public var acceptedDateTime: String?
    public var status: String?
    public var substatus: String?
    public var statusReason: String?
    public var type: String?
    public var qualification: String?
    public var direction: String?
    public var referralSource: String?
    public var callToAction: String?
    public var customerMarketplaceIntent: String?
    public var eTag: String?
    public var customerProfile: CustomerProfile?
    public var consent: Consent?
    public var details: Details?
    public var team: [Member]?
    public var inviteContext: InviteContext?
    public var target: [Target]?
    /// The referral's original JSON text, byte for byte as it appeared in the page.
    public var raw: String
    /// What the decoder noticed in `raw` that a store may refuse (NUL escapes, unpaired surrogates, numbers
    /// with exponents), with their paths; empty for most referrals. The transform stage judges them.
    public var rawNotes: [RawJSONNote] = []

    public init(id: String, raw: String = "") {
        self.id = id
        self.raw = raw
    }

    public struct CustomerProfile: Sendable, Equatable, Decodable {
        public var name: String?
        public var address: Address?
        public var size: String?
        public var team: [Member]?
        public init(name: String? = nil, address: Address? = nil, size: String? = nil, team: [Member]? = nil) {
            self.name = name
            self.address = address
            self.size = size
            self.team = team
        }
    }

    public struct Address: Sendable, Equatable, Decodable {
        public var addressLine1: String?
        public var addressLine2: String?
        public var city: String?
        public var state: String?
        public var postalCode: String?
        public var country: String?
        public var region: String?
        public init(
            addressLine1: String? = nil, addressLine2: String? = nil, city: String? = nil, state: String? = nil,
            postalCode: String? = nil, country: String? = nil, region: String? = nil
        ) {
            self.addressLine1 = addressLine1
            self.addressLine2 = addressLine2
            self.city = city
            self.state = state
            self.postalCode = postalCode
            self.country = country
            self.region = region
        }
    }

    /// A team member: partner side (`team`) or customer contact (`customerProfile.team`).
    public struct Member: Sendable, Equatable, Decodable {
        public var firstName: String?
        public var lastName: String?
        public var phoneNumber: String?
        public var email: String?
        public var contactPreference: ContactPreference?
        public init(
            firstName: String? = nil, lastName: String? = nil, phoneNumber: String? = nil, email: String? = nil,
            contactPreference: ContactPreference? = nil
        ) {
            self.firstName = firstName
            self.lastName = lastName
            self.phoneNumber = phoneNumber
            self.email = email
            self.contactPreference = contactPreference
        }
    }

    public struct ContactPreference: Sendable, Equatable, Decodable {
        public var locale: String?
        public var disableNotifications: Bool?
        public init(locale: String? = nil, disableNotifications: Bool? = nil) {
            self.locale = locale
            self.disableNotifications = disableNotifications
        }
    }

    public struct Consent: Sendable, Equatable, Decodable {
        public var consentToToShareInfoWithOthers: Bool?
        public var consentToContact: Bool?
        public var consentToMicrosoftToContactSpecificPartners: Bool?
        public var consentToShareReferralWithMicrosoftSellers: Bool?
        public init() {}
    }

    public struct Details: Sendable, Equatable {
        public var notes: String?
        /// The deal value as sent: a JSON number's literal text or a JSON string's content.
        /// Warehouse validates it as a decimal; no binary floating point ever touches it.
        public var dealValue: String?
        public var currency: String?
        public var closingDateTime: String?
        public var requirements: Requirements?
        public init(
            notes: String? = nil, dealValue: String? = nil, currency: String? = nil, closingDateTime: String? = nil,
            requirements: Requirements? = nil
        ) {
            self.notes = notes
            self.dealValue = dealValue
            self.currency = currency
            self.closingDateTime = closingDateTime
            self.requirements = requirements
        }
    }

    public struct Requirements: Sendable, Equatable, Decodable {
        public var industries: [Tag]?
        public var products: [Tag]?
        public var services: [Tag]?
        public var solutions: [Tag]?
        public init(industries: [Tag]? = nil, products: [Tag]? = nil, services: [Tag]? = nil, solutions: [Tag]? = nil) {
            self.industries = industries
            self.products = products
            self.services = services
            self.solutions = solutions
        }
    }

    /// A requirement item: `{id}` for industries, products and services; solutions add `name`, `type`, …
    public struct Tag: Sendable, Equatable, Decodable {
        public var id: String?
        public var name: String?
        public var type: String?
        public init(id: String? = nil, name: String? = nil, type: String? = nil) {
            self.id = id
            self.name = name
            self.type = type
        }
    }

    public struct InviteContext: Sendable, Equatable, Decodable {
        public var notes: String?
        public var invitedBy: Organization?
        public init(notes: String? = nil, invitedBy: Organization? = nil) {
            self.notes = notes
            self.invitedBy = invitedBy
        }
    }

    public struct Organization: Sendable, Equatable, Decodable {
        /// A GUID, or the literal `msft` for Microsoft.
        public var organizationId: String?
        public var organizationName: String?
        public init(organizationId: String? = nil, organizationName: String? = nil) {
            self.organizationId = organizationId
            self.organizationName = organizationName
        }
    }

    public struct Target: Sendable, Equatable, Decodable {
        public var id: String?
        public var type: String?
        public init(id: String? = nil, type: String? = nil) {
            self.id = id
            self.type = type
        }
    }
}
