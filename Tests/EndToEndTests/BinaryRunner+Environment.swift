import Foundation
import PostgresLoad
import TestSupport

extension BinaryRunner {
    /// A runner whose environment is this process's plus the test database, the API at `apiBaseURL` with the
    /// static `token`, and `schema`.
    static func against(apiBaseURL: String, token: String, schema: SchemaName) throws -> BinaryRunner {
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = try TestDatabase.url()
        environment["PARTNER_CENTER_API_BASE_URL"] = apiBaseURL
        environment["PARTNER_CENTER_ACCESS_TOKEN"] = token
        environment["REFERRALS_ETL_SCHEMA"] = schema.name
        return BinaryRunner(environment: environment)
    }
}
