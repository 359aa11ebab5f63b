import PartnerCenter

/// A row of `customers`, the customer dimension, keyed by `CustomerKey`.
///
/// Attribute values are stored as sent; only the key is derived from normalized text.
public struct CustomerRow: WarehouseRow {
    /// The table this row goes to.
    public static let table = "customers"

    /// The columns, in COPY order.
    public static let columns: [WarehouseColumn<Self>] = [
        .text("customer_key", \.customerKey).key(), .text("name", \.name), .text("address_line1", \.addressLine1),
        .text("address_line2", \.addressLine2), .text("city", \.city), .text("state", \.state),
        .text("postal_code", \.postalCode), .text("country", \.country), .text("region", \.region),
        .text("size", \.size), .timestamp("source_updated_at", \.sourceUpdatedAt),
    ]

    /// Derived from name, country and postal code by `CustomerKey`.
    public var customerKey: String
    /// `customerProfile.name`, as sent.
    public var name: String
    /// `customerProfile.address.addressLine1`.
    public var addressLine1: String?
    /// `customerProfile.address.addressLine2`.
    public var addressLine2: String?
    /// `customerProfile.address.city`.
    public var city: String?
    /// `customerProfile.address.state`.
    public var state: String?
    /// `customerProfile.address.postalCode`.
    public var postalCode: String?
    /// `customerProfile.address.country` (ISO 3166 two letters), as sent.
    public var country: String?
    /// `customerProfile.address.region`.
    public var region: String?
    /// `customerProfile.size` (a size band such as `51to500employees`).
    public var size: String?
    /// The `updatedDateTime` of the referral these attributes came from (newest wins on upsert).
    public var sourceUpdatedAt: Timestamp?

    /// A customer row; every attribute but the key and name is optional.
    public init(
        customerKey: String, name: String, addressLine1: String? = nil, addressLine2: String? = nil,
        city: String? = nil, state: String? = nil, postalCode: String? = nil, country: String? = nil,
        region: String? = nil, size: String? = nil, sourceUpdatedAt: Timestamp? = nil
    ) {
        self.customerKey = customerKey
        self.name = name
        self.addressLine1 = addressLine1
        self.addressLine2 = addressLine2
        self.city = city
        self.state = state
        self.postalCode = postalCode
        self.country = country
        self.region = region
        self.size = size
        self.sourceUpdatedAt = sourceUpdatedAt
    }
}
