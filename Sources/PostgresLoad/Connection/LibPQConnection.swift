import CLibPQ
import ETLCore
import Foundation

/// One PostgreSQL connection over libpq: parameterized statements, COPY FROM STDIN, notices silenced.
///
/// Every wait is bounded: the socket is non-blocking and each statement waits for its answer with `poll`
/// until `SessionTimeouts.answerTimeout`, so a silent server ends the statement (75) instead of hanging the
/// run. `cancel()` (SIGTERM) sends a cancel request for the statement in flight and gives it
/// `cancelGrace` seconds. libpq calls block, so a connection belongs to one thread at a time (the pipeline's
/// load thread). The lock makes misuse safe rather than undefined; hence `@unchecked Sendable` (a `PGconn *`
/// is not Sendable, every use goes through `lock`). This is the only file that imports CLibPQ.
public final class LibPQConnection: @unchecked Sendable {
    private let connection: OpaquePointer
    private let lock = NSLock()
    private let redactor: SecretRedactor
    private let control: CancelControl
    /// Set when a wait ran out: the protocol state is unknown, so the connection is not used again.
    private var abandoned: LoadError?
    /// `host:port/database` of the server, for messages (never the password).
    public let target: String
    /// The waits this connection allows.
    public let timeouts: SessionTimeouts
    /// Where the time of COPY, other statements and COMMIT is added (a run's; a private one until then).
    public var stageTimes: StageTimes {
        get { lock.withLock { stages } }
        set { lock.withLock { stages = newValue } }
    }
    private var stages = StageTimes()

    /// Connects with a `postgres://` URL or a `key=value` conninfo string. Connect timeout, TCP keepalives
    /// and `tcp_user_timeout` are defaults the URL may override; `lock_timeout` and `statement_timeout` are
    /// set unless the URL's `options` (or `PGOPTIONS`) set them.
    public init(
        _ conninfo: String, timeouts: SessionTimeouts = SessionTimeouts(), applicationName: String = "referrals-etl"
    )
        throws
    {
        let settings = try ConnectionSettings(parsing: conninfo)
        redactor = SecretRedactor(password: settings.password)
        if let fromEnvironment = ProcessInfo.processInfo.environment["PGPASSWORD"] {
            Redactor.register(fromEnvironment)
        }
        self.timeouts = timeouts
        // Keys before `dbname` are defaults the URL may override: the exporter sends UTF-8 text.
        let defaults = [
            ("connect_timeout", String(timeouts.connectTimeout)), ("application_name", applicationName),
            ("client_encoding", "UTF8"), ("keepalives", "1"), ("keepalives_idle", "30"),
            ("keepalives_interval", "10"), ("keepalives_count", "3"), ("tcp_user_timeout", "60000"),
        ]
        let keys = defaults.map(\.0) + ["dbname"]
        let values = defaults.map(\.1) + [conninfo]
        let conn: OpaquePointer? = withCStrings(keys) { k in withCStrings(values) { v in PQconnectdbParams(k, v, 1) } }
        guard let conn else { throw LoadError(.connect, "out of memory creating a libpq connection") }
        let where_ = settings.describe()
        guard PQstatus(conn) == CONNECTION_OK else {
            let message = redactor.scrub(Self.text(PQerrorMessage(conn)))
            PQfinish(conn)
            throw LoadError.connectionFailed(message: message, target: where_)
        }
        PQsetNoticeProcessor(conn, { _, _ in }, nil)
        PQsetnonblocking(conn, 1)
        connection = conn
        target = where_
        control = CancelControl(PQgetCancel(conn).map(CancelHandle.init))
        try applyTimeouts()
    }

    deinit { PQfinish(connection) }

    /// Runs one statement with `$1…$n` text parameters (nil is NULL) and returns its rows as text.
    @discardableResult
    public func execute(_ sql: String, _ parameters: [String?] = []) throws -> QueryResult {
        try execute(sql, parameters, stage: .upsert)
    }

    /// `execute`, its time added to `stage`.
    func execute(_ sql: String, _ parameters: [String?], stage: StageTimes.Stage) throws -> QueryResult {
        lock.lock()
        defer { lock.unlock() }
        let started = ContinuousClock.now
        defer { stages.add(stage, since: started) }
        return try roundTrip(sql) {
            withOptionalCStrings(parameters) { values in
                PQsendQueryParams(connection, sql, Int32(parameters.count), nil, values, nil, nil, 0)
            }
        }
    }

    /// Runs a script of several statements (no parameters), such as a migration file.
    public func executeScript(_ sql: String) throws {
        lock.lock()
        defer { lock.unlock() }
        _ = try roundTrip(sql) { PQsendQuery(connection, sql) }
    }

    /// Runs `COPY … FROM STDIN` (text format) and streams what `produce` writes into it.
    /// `produce` is called with a writer; rows are flushed to the server in 256 KiB chunks.
    /// Returns the number of rows the server reports copied.
    @discardableResult
    public func copyIn(_ sql: String, _ produce: (inout CopyWriter) throws -> Void) throws -> Int {
        lock.lock()
        defer { lock.unlock() }
        let started = ContinuousClock.now
        defer { stages.add(.copy, since: started) }
        let deadline = try begin()
        defer { control.end() }
        try send(PQsendQuery(connection, sql), deadline)
        try waitForResult(deadline)
        let start = PQgetResult(connection)
        guard PQresultStatus(start) == PGRES_COPY_IN else {
            _ = try collect(first: start, sql: sql, deadline: deadline)
            throw LoadError(.statement, "COPY did not start: \(sql.prefix(80))")
        }
        PQclear(start)
        var writer = CopyWriter { bytes in try self.putCopyData(bytes, deadline) }
        do {
            try produce(&writer)
            try writer.flush()
        } catch {
            if abandoned == nil {
                _ = try? endCopy("aborted by referrals-etl", deadline)
                _ = try? collect(first: nil, sql: sql, deadline: deadline)
            }
            throw error
        }
        try endCopy(nil, deadline)
        return try collect(first: nil, sql: sql, deadline: deadline).affectedRows
    }

    /// Whether the connection is still usable (it may have been closed by the server or abandoned).
    public var isHealthy: Bool {
        lock.lock()
        defer { lock.unlock() }
        return abandoned == nil && PQstatus(connection) == CONNECTION_OK
    }

    /// Stops the statement in flight (PostgreSQL cancels it: SQLSTATE 57014) and bounds every wait from now on
    /// to `cancelGrace` seconds. Safe from any thread, while another thread waits in a statement.
    public func cancel() { control.cancel(grace: timeouts.cancelGrace) }

    // MARK: - Waiting

    private func applyTimeouts() throws {
        let options = effectiveOption("options") ?? ""
        for (name, seconds) in [
            ("lock_timeout", timeouts.lockTimeout), ("statement_timeout", timeouts.statementTimeout),
        ]
        where !options.contains(name) {
            try execute("SELECT set_config($1, $2, false)", [name, SessionTimeouts.milliseconds(seconds)])
        }
    }

    private func effectiveOption(_ keyword: String) -> String? {
        guard let options = PQconninfo(connection) else { return nil }
        defer { PQconninfoFree(options) }
        var option = options
        while let key = option.pointee.keyword {
            if String(cString: key) == keyword { return option.pointee.val.map { String(cString: $0) } }
            option += 1
        }
        return nil
    }

    private func roundTrip(_ sql: String, _ start: () -> Int32) throws -> QueryResult {
        let deadline = try begin()
        defer { control.end() }
        try send(start(), deadline)
        do {
            return try collect(first: nil, sql: sql, deadline: deadline)
        } catch let error as LoadError
            where error.sqlState == "55P03" && PQtransactionStatus(connection) == PQTRANS_IDLE
        {
            throw error.namingLockHolder(LockHolder.describe { try self.roundTripUnlocked($0) })
        }
    }

    /// A second statement inside `roundTrip`'s error path (the lock is already held).
    private func roundTripUnlocked(_ sql: String) throws -> QueryResult {
        let deadline = try begin()
        defer { control.end() }
        try send(PQsendQuery(connection, sql), deadline)
        return try collect(first: nil, sql: sql, deadline: deadline)
    }

    private func begin() throws -> Deadline {
        if let abandoned { throw abandoned }
        return Deadline(
            answerBy: ContinuousClock.now + .milliseconds(Int64(timeouts.answerTimeout * 1000)),
            seconds: timeouts.answerTimeout, statementTimeout: timeouts.statementTimeout,
            cancelsAt: control.begin())
    }

    private func send(_ status: Int32, _ deadline: Deadline) throws {
        guard status == 1 else { throw lost() }
        try flush(deadline)
    }

    private func flush(_ deadline: Deadline) throws {
        while true {
            let status = PQflush(connection)
            if status == 0 { return }
            guard status > 0 else { throw lost() }
            let ready = try waitForSocket(Int16(POLLIN | POLLOUT), deadline)
            if ready & Int16(POLLIN) != 0, PQconsumeInput(connection) != 1 { throw lost() }
        }
    }

    private func waitForResult(_ deadline: Deadline) throws {
        while PQisBusy(connection) == 1 {
            _ = try waitForSocket(Int16(POLLIN), deadline)
            guard PQconsumeInput(connection) == 1 else { throw lost() }
        }
    }

    /// Polls the socket in slices of at most 100 ms until it is ready, the answer deadline passes, or a
    /// cancellation's grace runs out; the last two abandon the connection.
    private func waitForSocket(_ events: Int16, _ deadline: Deadline) throws -> Int16 {
        let socket = PQsocket(connection)
        guard socket >= 0 else { throw lost() }
        while true {
            let (limit, cancelled) = control.limit(deadline.answerBy)
            let left = ContinuousClock.now.duration(to: limit)
            guard left > .zero else {
                let error =
                    cancelled
                    ? LoadError(
                        .timedOut,
                        "PostgreSQL at \(target) did not stop the statement within \(Self.seconds(timeouts.cancelGrace)) s "
                            + "of the cancellation; the connection was abandoned")
                    : LoadError(
                        .timedOut,
                        "PostgreSQL at \(target) did not answer within \(Self.seconds(deadline.seconds)) s "
                            + "(statement_timeout \(Self.seconds(deadline.statementTimeout)) s and a margin): the "
                            + "server or the network is stuck; the connection was abandoned",
                        hint: "raise --statement-timeout (\(SessionTimeouts.statementTimeoutVariable)) if statements "
                            + "are just slow")
                abandoned = LoadError(.connectionLost, "the connection to PostgreSQL was abandoned after a timeout")
                throw error
            }
            let slice = Int32(
                max(1, min(100, left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000)))
            var descriptor = pollfd(fd: socket, events: events, revents: 0)
            let ready = poll(&descriptor, 1, slice)
            if ready > 0 { return descriptor.revents }
            if ready < 0 && errno != EINTR { throw lost() }
        }
    }

    private func putCopyData(_ bytes: [UInt8], _ deadline: Deadline) throws {
        while true {
            let status = bytes.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) {
                    PQputCopyData(connection, $0.baseAddress, Int32($0.count))
                }
            }
            guard status >= 0 else { throw LoadError(.copy, redactor.scrub(Self.text(PQerrorMessage(connection)))) }
            try flush(deadline)
            if status == 1 { return }
            _ = try waitForSocket(Int16(POLLOUT), deadline)
        }
    }

    private func endCopy(_ failure: String?, _ deadline: Deadline) throws {
        while true {
            let status = PQputCopyEnd(connection, failure)
            guard status >= 0 else { throw LoadError(.copy, redactor.scrub(Self.text(PQerrorMessage(connection)))) }
            try flush(deadline)
            if status == 1 { return }
            _ = try waitForSocket(Int16(POLLOUT), deadline)
        }
    }

    /// Reads every result of the statement; returns the first error (thrown) or the last result.
    private func collect(first: OpaquePointer?, sql: String, deadline: Deadline) throws -> QueryResult {
        var kept = first
        defer { if let kept { PQclear(kept) } }
        while true {
            try waitForResult(deadline)
            guard let next = PQgetResult(connection) else { break }
            if let current = kept, PQresultStatus(current) == PGRES_FATAL_ERROR {
                PQclear(next)
            } else {
                if let current = kept { PQclear(current) }
                kept = next
            }
        }
        return try consume(kept, sql: sql)
    }

    private func lost() -> LoadError {
        LoadError(
            .connectionLost,
            "the connection to PostgreSQL was lost: " + redactor.scrub(Self.text(PQerrorMessage(connection))))
    }

    private func consume(_ result: OpaquePointer?, sql: String) throws -> QueryResult {
        guard let result else { throw lost() }
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

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    private static func text(_ pointer: UnsafePointer<CChar>?) -> String {
        guard let pointer else { return "unknown libpq error" }
        return String(cString: pointer).trimmingCharacters(in: .whitespacesAndNewlines)
            .replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\t", with: "")
    }
}

/// When one statement must have its answer.
private struct Deadline {
    var answerBy: ContinuousClock.Instant
    var seconds: Double
    var statementTimeout: Double
    var cancelsAt: ContinuousClock.Instant?
}

/// A libpq cancel object (`PGcancel *`), handed to the thread that sends the cancel request.
/// `@unchecked Sendable`: used by exactly one thread at a time (taken out of `CancelControl` under its lock).
private struct CancelHandle: @unchecked Sendable {
    let pointer: OpaquePointer
}

/// The cancellation state of one connection, shared between the thread waiting in a statement and the
/// thread that cancels. `@unchecked Sendable`: every field is guarded by `lock`.
private final class CancelControl: @unchecked Sendable {
    private let lock = NSLock()
    private var handle: CancelHandle?
    private var graceEnds: ContinuousClock.Instant?
    private var inFlight = false

    init(_ handle: CancelHandle?) { self.handle = handle }

    deinit { if let handle { PQfreeCancel(handle.pointer) } }

    /// A statement starts; returns when a cancellation's grace ends, if one was asked for.
    func begin() -> ContinuousClock.Instant? {
        lock.withLock {
            inFlight = true
            return graceEnds
        }
    }

    func end() { lock.withLock { inFlight = false } }

    /// The earlier of `answerBy` and the end of a cancellation's grace, and whether the grace is the limit.
    func limit(_ answerBy: ContinuousClock.Instant) -> (ContinuousClock.Instant, cancelled: Bool) {
        lock.withLock {
            guard let graceEnds, graceEnds < answerBy else { return (answerBy, false) }
            return (graceEnds, true)
        }
    }

    func cancel(grace: Double) {
        let toSend: CancelHandle? = lock.withLock {
            if graceEnds == nil { graceEnds = ContinuousClock.now + .milliseconds(Int64(grace * 1000)) }
            guard inFlight, let taken = handle else { return nil }
            handle = nil
            return taken
        }
        guard let toSend else { return }
        // PQcancel opens a connection of its own and waits for the server: never on the caller's thread.
        Thread.detachNewThread {
            var buffer = [CChar](repeating: 0, count: 256)
            _ = PQcancel(toSend.pointer, &buffer, Int32(buffer.count))
            PQfreeCancel(toSend.pointer)
        }
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
            let cleaned = ConninfoRedaction(conninfo).scrub(message.trimmingCharacters(in: .whitespacesAndNewlines))
            throw LoadError(
                .invalidURL,
                "the database URL is not valid (\(cleaned)); expected postgres://USER:PASSWORD@HOST:PORT/DATABASE "
                    + "or key=value pairs, with special characters in the password percent-encoded (URL) or "
                    + "quoted (key='va lue')")
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
            case "password":
                password = value
                if let value { Redactor.register(value) }
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
