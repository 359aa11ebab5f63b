import Foundation
import PostgresLoad
import ScratchPostgres

/// The PostgreSQL the tests use: `TEST_DATABASE_URL` when set, otherwise one scratch cluster started on
/// first use and shared by every test of the process (its watchdog removes it when the process ends).
/// Each test takes a fresh schema, so tests never see each other's rows.
public enum TestDatabase {
    private static let server: Result<ServerHandle, any Error> = {
        if let url = ProcessInfo.processInfo.environment["TEST_DATABASE_URL"], !url.isEmpty {
            return .success(ServerHandle(url: url, cluster: nil))
        }
        do {
            let cluster = try ScratchPostgres.start()
            return .success(ServerHandle(url: cluster.url, cluster: cluster))
        } catch {
            return .failure(error)
        }
    }()

    /// The server's URL (superuser, no password).
    public static func url() throws -> String { try server.get().url }

    /// The scratch cluster, when the tests started one (nil with TEST_DATABASE_URL).
    public static func cluster() throws -> ScratchPostgres? { try server.get().cluster }

    /// A new connection to the test server.
    public static func connect() throws -> LibPQConnection { try LibPQConnection(url()) }

    /// A schema name no other test uses: `t_<prefix>_<random>`.
    public static func freshSchema(_ prefix: String = "test") -> SchemaName {
        let suffix = String(UInt64.random(in: 0...UInt64.max), radix: 36)
        let clean = String(prefix.lowercased().filter { $0.isLetter || $0.isNumber || $0 == "_" }.prefix(20))
        // The name is built from [a-z0-9_] only, so it is always valid.
        return (try? SchemaName("t_\(clean)_\(suffix)")) ?? (try! SchemaName("t_fallback_\(suffix)"))
    }

    /// A fresh schema with the whole warehouse migrated into it.
    public static func migratedSchema(_ prefix: String = "test") throws -> SchemaName {
        let schema = freshSchema(prefix)
        let db = try connect()
        try Migrator(schema: schema).migrate(db, logger: .init(label: "test"))
        return schema
    }
}

struct ServerHandle: Sendable {
    let url: String
    let cluster: ScratchPostgres?
}
