import Foundation

/// The `customer_key` of the `customers` dimension: derived from the customer's normalized name, country and
/// postal code, the way Microsoft's CRM connector matches accounts. See docs/transform.md#keys.
public enum CustomerKey {
    /// The key for a customer, or nil when the name is missing or blank (such a customer is not a dimension row).
    public static func make(name: String?, country: String?, postalCode: String?) -> String? {
        guard let name else { return nil }
        let normalizedName = normalize(name).lowercased()
        guard !normalizedName.isEmpty else { return nil }
        let normalizedCountry = normalize(country ?? "").uppercased()
        let normalizedPostal = normalize(postalCode ?? "").lowercased()
        return KeyDigest.key([normalizedName, normalizedCountry, normalizedPostal])
    }

    /// Canonical composition (NFC), Unicode whitespace trimmed at both ends and each inner run collapsed to
    /// one space. Case is left to the caller (names and postal codes are lowercased, countries uppercased).
    public static func normalize(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.precomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace {
                out.append(" ")
                pendingSpace = false
            }
            out.append(scalar)
        }
        return String(out)
    }

}
