import ETLCore
import PartnerCenter
import Testing

@Suite struct SecretTests {
    @Test func secretsNeverPrintThemselves() {
        let secret = Secret("eyJ0eXAi.super-secret")
        #expect("\(secret)" == "<redacted>")
        #expect(String(describing: secret) == "<redacted>")
        #expect(String(reflecting: secret) == "<redacted>")
        #expect(!String(describing: [secret]).contains("super-secret"))
        #expect(!String(describing: Optional(secret)).contains("super-secret"))
        var dumped = ""
        dump(secret, to: &dumped)
        #expect(!dumped.contains("super-secret"))
    }

    @Test func credentialsAndEndpointsDoNotPrintSecrets() throws {
        let credentials = try PartnerCenterCredentials.fromEnvironment([
            "PARTNER_CENTER_TENANT_ID": "t", "PARTNER_CENTER_CLIENT_ID": "c",
            "PARTNER_CENTER_CLIENT_SECRET": "client-secret-value",
            "PARTNER_CENTER_REFRESH_TOKEN": "refresh-token-value",
        ])
        var dumped = ""
        dump(credentials, to: &dumped)
        for text in [String(describing: credentials), String(reflecting: credentials), dumped] {
            #expect(!text.contains("client-secret-value"))
            #expect(!text.contains("refresh-token-value"))
        }
    }
}
