import CLibPQ
import ETLCore
import Foundation

/// One PostgreSQL connection over libpq: parameterized statements, COPY FROM STDIN, notices silenced.
///
/// libpq calls block, so a connection belongs to one thread at a time: the pipeline drives it from its
/// dedicated load thread. The lock makes misuse safe rather than undefined; hence `@unchecked Sendable`
/// (a `PGconn *` is not Sendable, every use goes through `lock`). This is the only file that imports CLibPQ.
public final class LibPQConnection: @unchecked Sendable {
    private let connection: OpaquePointer
    private let lock = NSLock()
    private let redactor: SecretRedactor
    /// `host:port/database` of the server, for messages (never the password).
    public let target: String

    /// Connects with a `postgres://` URL or a `key=value` conninfo string.
    /// `connectTimeout` (seconds) applies unless the URL sets `connect_timeout` itself.
    public init(_ conninfo: String, connectTimeout: Int = 10, applicationName: String = "referrals-etl") throws {
        let settings = try ConnectionSettings(parsing: conninfo)
        redactor = SecretRedactor(password: settings.password)
        // Keys before `dbname` are defaults the URL may override: the exporter sends UTF-8 text.
        let keys = ["connect_timeout", "application_name", "client_encoding", "dbname"]
        let values = [String(connectTimeout), applicationName, "UTF8", conninfo]
        let conn: OpaquePointer? = withCStrings(keys) { k in withCStrings(values) { v in PQconnectdbParams(k, v, 1) } }
        guard let conn else { throw LoadError(.connect, "out of memory creating a libpq connection") }
        let where_ = settings.describe()
        guard PQstatus(conn) == CONNECTION_OK else {
            let message = redactor.scrub(Self.text(PQerrorMessage(conn)))
            PQfinish(conn)
            throw LoadError.connectionFailed(message: message, target: where_)
        }
        PQsetNoticeProcessor(conn, { _, _ in }, nil)
        connection = conn
        target = where_
    }

    deinit { PQfinish(connection) }

    /// Runs one statement with `$1…$n` text parameters (nil is NULL) and returns its rows as text.
    @discardableResult
    public func execute(_ sql: String, _ parameters: [String?] = []) throws -> QueryResult {
        lock.lock()
        defer { lock.unlock() }
        let result: OpaquePointer? = withOptionalCStrings(parameters) { values in
            PQexecParams(connection, sql, Int32(parameters.count), nil, values, nil, nil, 0)
        }
        return try consume(result, sql: sql)
    }

    /// Runs a script of several statements (no parameters), such as a migration file.
    public func executeScript(_ sql: String) throws {
        lock.lock()
        defer { lock.unlock() }
        var result = PQexec(connection, sql)
        // PQexec returns only the last result; an error anywhere stops the script and is that result.
        _ = try consume(result, sql: sql)
        result = nil
    }

    /// Runs `COPY … FROM STDIN` (text format) and streams what `produce` writes into it.
    /// `produce` is called with a writer; rows are flushed to the server in 256 KiB chunks.
    /// Returns the number of rows the server reports copied.
    @discardableResult
    public func copyIn(_ sql: String, _ produce: (inout CopyWriter) throws -> Void) throws -> Int {
        lock.lock()
        defer { lock.unlock() }
        let start = PQexec(connection, sql)
        guard PQresultStatus(start) == PGRES_COPY_IN else {
            _ = try consume(start, sql: sql)
            throw LoadError(.statement, "COPY did not start: \(sql.prefix(80))")
        }
        PQclear(start)
        var writer = CopyWriter { [connection] bytes in
            let ok = bytes.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) {
                    PQputCopyData(connection, $0.baseAddress, Int32($0.count))
                }
            }
            guard ok == 1 else { throw LoadError(.copy, Self.text(PQerrorMessage(connection))) }
        }
        do {
            try produce(&writer)
            try writer.flush()
        } catch {
            _ = PQputCopyEnd(connection, "aborted by referrals-etl")
            drainResults()
            throw error
        }
        guard PQputCopyEnd(connection, nil) == 1 else { throw LoadError(.copy, Self.text(PQerrorMessage(connection))) }
        let end = PQgetResult(connection)
        let result = try consume(end, sql: sql)
        drainResults()
        return result.affectedRows
    }

    /// Whether the connection is still usable (it may have been closed by the server).
    public var isHealthy: Bool {
        lock.lock()
        defer { lock.unlock() }
        return PQstatus(connection) == CONNECTION_OK
    }

    private func drainResults() {
        while let extra = PQgetResult(connection) { PQclear(extra) }
    }

    private func consume(_ result: OpaquePointer?, sql: String) throws -> QueryResult {
        guard let result else {
            throw LoadError(.connectionLost, redactor.scrub(Self.text(PQerrorMessage(connection))))
        }
        defer { PQclear(result) }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_COPY_IN:
            break
        default:
            let field = { (code: Character) -> String? in
                guard let value = PQresultErrorField(result, Int32(code.asciiValue ?? 0)) else { return nil }
                return String(cString: value)
            }
            let message = field("M") ?? Self.text(PQresultErrorMessage(result))
            throw LoadError.server(
                sqlState: field("C") ?? "", message: redactor.scrub(message), detail: field("D").map(redactor.scrub),
                hint: field("H"), statement: String(sql.prefix(120)),
                connectionOK: PQstatus(connection) == CONNECTION_OK)
        }
        let rowCount = Int(PQntuples(result))
        let columnCount = Int(PQnfields(result))
        var rows: [[String?]] = []
        rows.reserveCapacity(rowCount)
        for row in 0..<rowCount {
            var values: [String?] = []
            values.reserveCapacity(columnCount)
            for column in 0..<columnCount {
                if PQgetisnull(result, Int32(row), Int32(column)) == 1 {
                    values.append(nil)
                } else {
                    values.append(String(cString: PQgetvalue(result, Int32(row), Int32(column))))
                }
            }
            rows.append(values)
        }
        let columns = (0..<columnCount).map { String(cString: PQfname(result, Int32($0))) }
        let affected = Int(String(cString: PQcmdTuples(result))) ?? 0
        return QueryResult(columns: columns, rows: rows, affectedRows: affected)
    }

    private static func text(_ pointer: UnsafePointer<CChar>?) -> String {
        guard let pointer else { return "unknown libpq error" }
        return String(cString: pointer).trimmingCharacters(in: .whitespacesAndNewlines)
            .replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\t", with: "")
    }
}

/// Parsed connection settings, for messages and redaction (libpq's own parser, so both forms work).
struct ConnectionSettings {
    var host: String?
    var port: String?
    var database: String?
    var user: String?
    var password: String?

    init(parsing conninfo: String) throws {
        var error: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(conninfo, &error) else {
            let message = error.map { String(cString: $0) } ?? "unparsable"
            if let error { PQfreemem(error) }
            throw LoadError(
                .invalidURL,
                "the database URL is not valid (\(message.trimmingCharacters(in: .whitespacesAndNewlines))); "
                    + "expected postgres://USER:PASSWORD@HOST:PORT/DATABASE")
        }
        defer { PQconninfoFree(options) }
        var option = options
        while let keyword = option.pointee.keyword {
            let value = option.pointee.val.map { String(cString: $0) }
            switch String(cString: keyword) {
            case "host", "hostaddr": host = host ?? value
            case "port": port = value
            case "dbname": database = value
            case "user": user = value
            case "password": password = value
            default: break
            }
            option += 1
        }
    }

    /// `user@host:port/database` with defaults shown as libpq would use them; never the password.
    func describe() -> String {
        "\(user ?? "(default user)")@\(host ?? "(local socket)"):\(port ?? "5432")/\(database ?? user ?? "(default)")"
    }
}

private func withCStrings<R>(_ strings: [String], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
    let pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
    defer { pointers.forEach { free($0) } }
    return body(pointers.map { UnsafePointer($0) } + [nil])
}

private func withOptionalCStrings<R>(_ strings: [String?], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
    let pointers: [UnsafeMutablePointer<CChar>?] = strings.map { $0.flatMap { strdup($0) } }
    defer { pointers.forEach { free($0) } }
    return body(pointers.map { UnsafePointer($0) })
}
