import Foundation
import PostgresLoad
import TestSupport
import Testing

/// Secrets a hostile server echoes, and database URLs libpq cannot parse, never reach stderr, stdout or
/// `etl_runs.error`, through the built binary.
@Suite("secrets end to end", .serialized)
struct SecretsEndToEndTests {
    /// A JWT-shaped access token: registered as a secret and masked by its shape too.
    static let accessToken = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJlMmUtc2VjcmV0In0.c2lnLXNlY3JldC12YWx1ZQ"
    static let clientSecret = "client-secret-e2e-91c2"
    static let refreshToken = "refresh-token-e2e-7d30"
    /// A bearer token the process never held, echoed by the server.
    static let strangerToken = "stranger-token-0aa9f3c1"

    /// Asserts `secrets` appear in none of the outputs and the ledger.
    static func expectClean(
        _ run: BinaryRunner.Output, _ schema: SchemaName?, of secrets: [String],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        var ledger = ""
        if let schema {
            let db = try TestDatabase.connect()
            let exists = try db.execute("SELECT to_regclass($1) IS NOT NULL", [schema.table("etl_runs")]).scalar
            if exists == "t" {
                ledger =
                    try db.execute("SELECT coalesce(string_agg(error, ' '), '') FROM \(schema.table("etl_runs"))")
                    .scalar ?? ""
                #expect(!ledger.isEmpty, "etl_runs.error is empty", sourceLocation: sourceLocation)
            }
        }
        for secret in secrets {
            for (name, text) in [("stderr", run.stderr), ("stdout", run.stdout), ("etl_runs.error", ledger)] {
                #expect(
                    !text.contains(secret), "\(name) holds a secret: \(text.suffix(400))",
                    sourceLocation: sourceLocation)
            }
        }
    }

    @Test("an API error echoing the bearer token (and a stranger's): masked in every output, exit 78")
    func apiEchoesToken() throws {
        let server = try HostileHTTPServer { request in
            let echoed =
                request.head.split(separator: "\r\n").first { $0.lowercased().hasPrefix("authorization") } ?? ""
            return HostileHTTPServer.answer(
                400,
                body:
                    #"{"error":{"code":"invalidRequest","message":"bad \#(echoed) and Bearer \#(Self.strangerToken) token \#(Self.accessToken)"}}"#
            )
        }
        defer { server.stop() }
        var (binary, schema) = try HTTPWaitsEndToEndTests.binary(server.baseURL)
        binary.environment["PARTNER_CENTER_ACCESS_TOKEN"] = Self.accessToken
        let run = try binary.run(["run"])
        #expect(run.status == 78, "\(run.stderr.suffix(600))")
        #expect(run.stderr.contains("<redacted>"))
        try Self.expectClean(run, schema, of: [Self.accessToken, Self.strangerToken, "eyJhbGciOiJub25lIn0"])
    }

    @Test("a token endpoint echoing the client secret and refresh token: masked in every output, exit 77")
    func tokenEndpointEchoesSecrets() throws {
        let server = try HostileHTTPServer { _ in
            HostileHTTPServer.answer(
                401,
                body:
                    #"{"error":"invalid_client","error_description":"secret \#(Self.clientSecret) refresh \#(Self.refreshToken)"}"#
            )
        }
        defer { server.stop() }
        var (binary, schema) = try HTTPWaitsEndToEndTests.binary(server.baseURL)
        binary.environment["PARTNER_CENTER_ACCESS_TOKEN"] = nil
        binary.environment["PARTNER_CENTER_TENANT_ID"] = "tenant-1"
        binary.environment["PARTNER_CENTER_CLIENT_ID"] = "client-1"
        binary.environment["PARTNER_CENTER_CLIENT_SECRET"] = Self.clientSecret
        binary.environment["PARTNER_CENTER_REFRESH_TOKEN"] = Self.refreshToken
        binary.environment["PARTNER_CENTER_AUTHORITY_URL"] = server.baseURL
        binary.environment["PARTNER_CENTER_TOKEN_CACHE"] = NSTemporaryDirectory() + "secrets-\(UUID().uuidString).json"
        let run = try binary.run(["run", "--log-level", "debug"])
        #expect(run.status == 77, "\(run.stderr.suffix(600))")
        try Self.expectClean(run, schema, of: [Self.clientSecret, Self.refreshToken])
    }

    @Test(
        "a DATABASE_URL libpq cannot parse: 78, and the password is not printed (run, migrate, status)",
        arguments: [
            ("postgres://postgres:pw%zz-urlsecret@127.0.0.1:5432/postgres", "urlsecret"),
            ("host=127.0.0.1 user=postgres password=open sesame-kvsecret dbname=postgres", "kvsecret"),
        ])
    func unparsableURL(_ url: String, _ secret: String) throws {
        var (binary, _) = try HTTPWaitsEndToEndTests.binary("http://127.0.0.1:9")
        binary.environment["DATABASE_URL"] = url
        for command in ["run", "migrate", "status"] {
            let run = try binary.run([command])
            #expect(run.status == 78, "\(command): \(run.stderr.suffix(400))")
            #expect(run.stderr.contains("not valid"), "\(command): \(run.stderr.suffix(400))")
            try Self.expectClean(run, nil, of: [secret, "sesame"])
        }
    }

    @Test("--database-url with a password warns that it is visible in the process list")
    func passwordInFlagWarns() throws {
        var (binary, schema) = try HTTPWaitsEndToEndTests.binary("http://127.0.0.1:9")
        let url = binary.environment["DATABASE_URL"] ?? ""
        binary.environment["DATABASE_URL"] = nil
        #expect(try binary.run(["migrate", "--database-url", url]).stderr.contains("process list"))
        binary.environment["DATABASE_URL"] = url
        #expect(!(try binary.run(["status", "--schema", schema.name]).stderr.contains("process list")))
    }
}
