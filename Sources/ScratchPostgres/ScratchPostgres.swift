import Foundation

/// A throwaway PostgreSQL cluster in a temporary directory, for tests and `referrals-etl demo`.
///
/// `start()` runs `initdb` and `pg_ctl start` (as the `postgres` user when we are root: PostgreSQL refuses
/// to run as root), listening on a free loopback port and a private Unix socket directory. `stop()` stops
/// it and removes the directory. A watchdog process stops the cluster when the process that started it
/// dies, even by SIGKILL, so no postmaster is left behind. See docs/testing.md.
public final class ScratchPostgres: @unchecked Sendable {
    /// The superuser's password on TCP (the cluster is loopback-only and throwaway; this is not a secret).
    public static let password = "scratch"
    /// `postgres://postgres:scratch@127.0.0.1:PORT/postgres`: the superuser over TCP with password auth.
    public let url: String
    /// The TCP port the cluster listens on (loopback only).
    public let port: Int
    /// The cluster's directory (data, socket, log); removed by `stop()`.
    public let directory: URL
    private let tools: PostgresTools
    private let lock = NSLock()
    private var stopped = false

    private init(url: String, port: Int, directory: URL, tools: PostgresTools) {
        self.url = url
        self.port = port
        self.directory = directory
        self.tools = tools
    }

    /// Starts a new cluster. Throws `ScratchPostgresError` with the tool's output when a step fails.
    public static func start() throws -> ScratchPostgres {
        let password = Self.password
        let tools = try PostgresTools.locate()
        let base = URL(fileURLWithPath: "/tmp", isDirectory: true)
            .appendingPathComponent("rpg-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        let data = base.appendingPathComponent("data")
        let socket = base.appendingPathComponent("s")
        let fm = FileManager.default
        try fm.createDirectory(at: socket, withIntermediateDirectories: true)
        try fm.setAttributes([.posixPermissions: 0o755], ofItemAtPath: base.path)
        try fm.setAttributes([.posixPermissions: 0o777], ofItemAtPath: socket.path)
        do {
            let passwordFile = base.appendingPathComponent("pw")
            try Data((password + "\n").utf8).write(to: passwordFile)
            try DaemonSafeShell.run(
                tools.asPostgres([
                    tools.initdb, "-D", data.path, "-U", "postgres", "--auth-local=trust",
                    "--auth-host=scram-sha-256", "--pwfile=\(passwordFile.path)", "-E", "UTF8", "--locale=C",
                    "--no-sync",
                ]),
                chownTo: tools.runAsUser, paths: [base.path])
            var lastError: Error?
            for _ in 0..<5 {
                let port = try FreePort.find()
                do {
                    try DaemonSafeShell.run(
                        tools.asPostgres([
                            tools.pgCtl, "-D", data.path, "-l", base.appendingPathComponent("log").path,
                            "-w", "-t", "30", "-o",
                            "-p \(port) -k \(socket.path) -c listen_addresses=127.0.0.1 -c fsync=off "
                                + "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
                            "start",
                        ]),
                        chownTo: nil, paths: [])
                    let cluster = ScratchPostgres(
                        url: "postgres://postgres:\(password)@127.0.0.1:\(port)/postgres", port: port, directory: base,
                        tools: tools)
                    try cluster.startWatchdog(data: data)
                    return cluster
                } catch {
                    lastError = error  // most likely the port was taken between find() and start: try another
                }
            }
            throw lastError ?? ScratchPostgresError(message: "pg_ctl start failed")
        } catch {
            try? fm.removeItem(at: base)
            throw error
        }
    }

    /// Stops the cluster (immediate mode) and removes its directory. Safe to call twice.
    public func stop() {
        lock.lock()
        defer { lock.unlock() }
        guard !stopped else { return }
        stopped = true
        let data = directory.appendingPathComponent("data").path
        try? DaemonSafeShell.run(
            tools.asPostgres([tools.pgCtl, "-D", data, "-m", "immediate", "-w", "stop"]),
            chownTo: nil, paths: [])
        try? FileManager.default.removeItem(at: directory)
    }

    deinit { stop() }

    /// A detached shell that waits for this process to die, then stops the cluster and removes its files.
    private func startWatchdog(data: URL) throws {
        let stopCommand = tools.asPostgres([tools.pgCtl, "-D", data.path, "-m", "immediate", "-w", "stop"])
            .map(DaemonSafeShell.quote).joined(separator: " ")
        let script =
            "while kill -0 \(getpid()) 2>/dev/null && [ -d \(DaemonSafeShell.quote(data.path)) ]; do sleep 1; done; "
            + "[ -d \(DaemonSafeShell.quote(data.path)) ] && { \(stopCommand) >/dev/null 2>&1; "
            + "rm -rf \(DaemonSafeShell.quote(directory.path)); }"
        try DaemonSafeShell.run(
            [
                "/bin/bash", "-c",
                "nohup setsid bash -c \(DaemonSafeShell.quote(script)) "
                    + "</dev/null >/dev/null 2>&1 &",
            ], chownTo: nil, paths: [])
    }
}

/// What went wrong starting or stopping a scratch cluster, with the tool's own output.
public struct ScratchPostgresError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
