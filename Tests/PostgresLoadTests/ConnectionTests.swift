import ETLCore
import Foundation
import PostgresLoad
import TestSupport
import Testing

@Suite("libpq connection")
struct ConnectionTests {
    @Test("parameterized statements return typed text and NULL")
    func parameters() throws {
        let db = try TestDatabase.connect()
        let result = try db.execute("SELECT $1::text AS a, $2::int + 1 AS b, $3::text AS c", ["it's", "41", nil])
        #expect(result.columns == ["a", "b", "c"])
        #expect(result.rows == [["it's", "42", nil]])
    }

    @Test("a bad password is rejected (77) and the password appears nowhere")
    func badPassword() throws {
        let db = try TestDatabase.connect()
        let role = "r_\(UInt32.random(in: 0...UInt32.max))"
        try db.execute("CREATE ROLE \(role) LOGIN PASSWORD 'right-secret'")
        defer { _ = try? db.execute("DROP ROLE \(role)") }
        var url = try #require(URLComponents(string: TestDatabase.url()))
        url.user = role
        url.password = "hunter2-secret"
        let error = try #require(throws: LoadError.self) { try LibPQConnection(try #require(url.string)) }
        #expect(error.code == .loginRejected)
        #expect(error.disposition == .credentialsRejected)
        #expect(!error.description.contains("hunter2-secret"))
        #expect(error.description.contains(role))
        url.password = "right-secret"
        #expect(try LibPQConnection(try #require(url.string)).execute("SELECT current_user").scalar == role)
    }

    @Test("an unreachable host is temporary (75) and names the target")
    func unreachable() throws {
        let port = try FreeTCPPort.unused()
        let error = try #require(throws: LoadError.self) {
            try LibPQConnection(
                "postgres://u:pw-secret-1@127.0.0.1:\(port)/db", timeouts: SessionTimeouts(connectTimeout: 2))
        }
        #expect(error.code == .unreachable)
        #expect(error.disposition == .temporary)
        #expect(error.description.contains("127.0.0.1:\(port)"))
        #expect(!error.description.contains("pw-secret-1"))
    }

    @Test("an unknown database is a configuration error (78) naming it")
    func unknownDatabase() throws {
        var url = try #require(URLComponents(string: TestDatabase.url()))
        url.path = "/no_such_db_here"
        let error = try #require(throws: LoadError.self) { try LibPQConnection(try #require(url.string)) }
        #expect(error.code == .unknownDatabase)
        #expect(error.disposition == .configuration)
        #expect(error.description.contains("no_such_db_here"))
        if let password = url.password { #expect(!error.description.contains(password)) }
    }

    @Test("a malformed URL is a configuration error")
    func malformedURL() throws {
        let error = try #require(throws: LoadError.self) { try LibPQConnection("postgres://[::1:5432/x") }
        #expect(error.code == .invalidURL)
        #expect(error.disposition == .configuration)
    }

    @Test("server errors carry SQLSTATE, message and disposition")
    func serverError() throws {
        let db = try TestDatabase.connect()
        let error = try #require(throws: LoadError.self) { try db.execute("SELECT * FROM no_such_table_here") }
        #expect(error.sqlState == "42P01")
        #expect(error.message.contains("no_such_table_here"))
        #expect(error.disposition == .internal)
        // The connection is still usable after an error.
        #expect(try db.execute("SELECT 1").scalar == "1")
    }

    @Test("a rolled-back transaction leaves nothing")
    func rollback() throws {
        let db = try TestDatabase.connect()
        let schema = TestDatabase.freshSchema("tx")
        try db.execute("CREATE SCHEMA \(schema.quoted)")
        try db.execute("CREATE TABLE \(schema.table("t")) (v int)")
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try db.transaction {
                try db.execute("INSERT INTO \(schema.table("t")) VALUES (1), (2)")
                throw Boom()
            }
        }
        #expect(try db.execute("SELECT count(*) FROM \(schema.table("t"))").scalar == "0")
        try db.transaction { try db.execute("INSERT INTO \(schema.table("t")) VALUES (3)") }
        #expect(try db.execute("SELECT count(*) FROM \(schema.table("t"))").scalar == "1")
    }

    @Test("an advisory lock held by one connection is refused to a second, then released")
    func advisoryLock() throws {
        let first = try TestDatabase.connect()
        let second = try TestDatabase.connect()
        let lock = AdvisoryLock(name: "test-lock-\(UUID().uuidString)")
        #expect(try lock.tryAcquire(first) == nil)
        let holder = try #require(try lock.tryAcquire(second))
        #expect(holder.contains("pid"))
        try lock.release(first)
        #expect(try lock.tryAcquire(second) == nil)
        try lock.release(second)
    }
}

/// A loopback port nothing listens on.
enum FreeTCPPort {
    static func unused() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 ? getsockname(fd, $0, &length) : -1
            }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
