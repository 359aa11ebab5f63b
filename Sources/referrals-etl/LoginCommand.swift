import ArgumentParser
import ETLCore
import Foundation
import Logging
import PartnerCenter
import ReferralsPipeline

/// `referrals-etl login`: the device-code sign-in that stores a refresh token in the token cache, so unattended
/// runs need only `PARTNER_CENTER_TENANT_ID`, `_CLIENT_ID` and `_CLIENT_SECRET` (see docs/extract.md, "Tokens").
struct LoginCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "login",
        abstract: "Sign in once with the device-code flow and store the refresh token.",
        discussion: """
            Reads PARTNER_CENTER_TENANT_ID, PARTNER_CENTER_CLIENT_ID, optional PARTNER_CENTER_CLIENT_SECRET and \
            PARTNER_CENTER_AUTHORITY_URL. Prints the sign-in URL and code on stderr, waits for the sign-in, then \
            writes the refresh token to the token cache (mode 0600).
            """
    )

    @Option(name: Settings.tokenCache.optionName, help: Settings.tokenCache.argumentHelp)
    var tokenCache: String?

    @Option(name: Settings.tenantID.optionName, help: Settings.tenantID.argumentHelp)
    var tenant: String?

    @Option(name: Settings.clientID.optionName, help: Settings.clientID.argumentHelp)
    var clientID: String?

    func run() async throws {
        let env = ProcessInfo.processInfo.environment
        do {
            let endpoint = try endpoint(env)
            let path =
                try Settings.tokenCache.resolve(flag: tokenCache, environment: env)
                ?? TokenCache.defaultPath(environment: env)
            let transport = AsyncHTTPClientTransport(connectTimeout: 10, readTimeout: 60)
            let login = DeviceCodeLogin(
                endpoint: endpoint, transport: transport, logger: Logger(label: "referrals-etl.login"))
            _ = try await login.run(cache: TokenCache(path: path)) { prompt in
                StandardError.write(
                    prompt.message
                        ?? "To sign in, open \(prompt.verificationURI) and enter the code \(prompt.userCode).")
                StandardError.write("Waiting for sign-in (the code expires in \(prompt.expiresIn / 60) minutes)...")
            }
            try? await transport.shutdown()
            StandardError.write("Signed in. The refresh token is stored in \(path).")
        } catch {
            throw ExitStatus.report(error, command: "login")
        }
    }

    private func endpoint(_ env: [String: String]) throws -> TokenEndpoint {
        typealias Variable = PartnerCenterCredentials.Variable
        let tenant = try Settings.tenantID.resolve(flag: self.tenant, environment: env)
        let client = try Settings.clientID.resolve(flag: clientID, environment: env)
        guard let tenant, let client else {
            let missing = [tenant == nil ? Variable.tenantID : nil, client == nil ? Variable.clientID : nil]
            throw PartnerCenterError(
                .configuration, "login needs " + missing.compactMap { $0 }.joined(separator: " and "))
        }
        let endpoint = TokenEndpoint(
            authority: nonEmpty(env[Variable.authority]) ?? TokenEndpoint.defaultAuthority, tenantID: tenant,
            clientID: client, clientSecret: nonEmpty(env[Variable.clientSecret]).map { Secret($0) })
        try endpoint.validate()
        return endpoint
    }

    private func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        return value
    }
}
