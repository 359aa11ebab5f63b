/// Which team a member belongs to.
public enum TeamSide: String, Sendable, Equatable, CaseIterable {
    /// The partner's own team, from `team`.
    case partner
    /// The customer's contacts, from `customerProfile.team`.
    case customer
}

/// A row of `referral_team_members`: one member of a referral's partner or customer team.
public struct TeamMemberRow: WarehouseRow {
    /// The table this row goes to.
    public static let table = "referral_team_members"

    /// The columns, in COPY order.
    public static let columns: [WarehouseColumn<Self>] = [
        .text("referral_id", \.referralId).key(), .text("side", \.side).key(), .integer("position", \.position).key(),
        .text("first_name", \.firstName), .text("last_name", \.lastName), .text("email", \.email),
        .text("phone_number", \.phoneNumber), .text("locale", \.locale),
        .boolean("disable_notifications", \.disableNotifications),
    ]

    /// The referral (`referrals.id`).
    public var referralId: String
    /// `partner` (from `team`) or `customer` (from `customerProfile.team`).
    public var side: TeamSide
    /// The member's index in its array.
    public var position: Int
    /// `firstName`.
    public var firstName: String?
    /// `lastName`.
    public var lastName: String?
    /// `email`.
    public var email: String?
    /// `phoneNumber`.
    public var phoneNumber: String?
    /// `contactPreference.locale`, as sent (`en-US` and `en-us` both occur).
    public var locale: String?
    /// `contactPreference.disableNotifications`.
    public var disableNotifications: Bool?

    /// A team member row.
    public init(
        referralId: String, side: TeamSide, position: Int, firstName: String? = nil, lastName: String? = nil,
        email: String? = nil, phoneNumber: String? = nil, locale: String? = nil, disableNotifications: Bool? = nil
    ) {
        self.referralId = referralId
        self.side = side
        self.position = position
        self.firstName = firstName
        self.lastName = lastName
        self.email = email
        self.phoneNumber = phoneNumber
        self.locale = locale
        self.disableNotifications = disableNotifications
    }
}
