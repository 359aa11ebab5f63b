import PartnerCenter

/// A row of `customers`, the customer dimension, keyed by `CustomerKey`.
///
/// Attribute values are stored as sent; only the key is derived from normalized text.
public struct CustomerRow: WarehouseRow {
    public static let table = "customers"

    public static let columns = [
        "customer_key", "name", "address_line1", "address_line2", "city", "state", "postal_code", "country",
        "region", "size", "source_updated_at",
    ]

    public var customerKey: String
    public var name: String
    public var addressLine1: String?
    public var addressLine2: String?
    public var city: String?
    public var state: String?
    public var postalCode: String?
    public var country: String?
    public var region: String?
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

    /// The COPY values, in the order of `columns`.
    public var fields: [String?] {
        [
            customerKey, name, addressLine1, addressLine2, city, state, postalCode, country, region, size,
            CopyField.timestamp(sourceUpdatedAt),
        ]
    }
}
