import Foundation
import PartnerCenter

/// Test-only access to the named JSON fixtures, decoded by the production decoder (`ReferralPageDecoder`), so a
/// fixture reaches the normalizer exactly as the same bytes inside a page's `value` would.
enum Fixture {
    struct Missing: Error { var name: String }
    struct Undecodable: Error, CustomStringConvertible { var description: String }

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

    /// A Referral from JSON text, with `raw` set to the text: decoded as the only element of a page.
    static func referral(json: String) throws -> Referral {
        let page = try item(json: json)
        guard let referral = page.referrals.first else {
            throw Undecodable(description: page.undecodable.first?.reason ?? "no item")
        }
        return referral
    }

    /// The page holding the JSON text as its only `value` element (a referral or an undecodable item).
    static func item(json: String) throws -> ReferralPage {
        try item(bytes: Array(json.utf8))
    }

    /// The page holding these bytes (not necessarily UTF-8) as its only `value` element.
    static func item(bytes: [UInt8]) throws -> ReferralPage {
        try ReferralPageDecoder.decode(Array(#"{"value":["#.utf8) + bytes + Array("]}".utf8), number: 1)
    }
}
