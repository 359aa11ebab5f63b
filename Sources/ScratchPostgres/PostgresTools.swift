import Foundation

/// Where `initdb` and `pg_ctl` are, and whether they must run as the `postgres` user (we are root).
struct PostgresTools {
    let initdb: String
    let pgCtl: String
    /// `postgres` when running as root (PostgreSQL refuses root), otherwise nil.
    let runAsUser: String?

    /// Finds the tools on PATH, then under /usr/lib/postgresql/*/bin (newest version first).
    static func locate() throws -> PostgresTools {
        var candidates: [String] = []
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            candidates.append(String(dir))
        }
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [])
            .sorted { (Int($0) ?? 0) > (Int($1) ?? 0) }
        candidates += versions.map { "\(root)/\($0)/bin" }
        for dir in candidates {
            let initdb = "\(dir)/initdb"
            let pgCtl = "\(dir)/pg_ctl"
            if FileManager.default.isExecutableFile(atPath: initdb), FileManager.default.isExecutableFile(atPath: pgCtl)
            {
                return PostgresTools(initdb: initdb, pgCtl: pgCtl, runAsUser: getuid() == 0 ? "postgres" : nil)
            }
        }
        throw ScratchPostgresError(
            message: "initdb and pg_ctl not found on PATH or under /usr/lib/postgresql/*/bin; "
                + "install them with: apt-get install -y postgresql")
    }

    /// The command line, wrapped in `runuser -u postgres --` when we are root.
    func asPostgres(_ command: [String]) -> [String] {
        guard let user = runAsUser else { return command }
        return ["runuser", "-u", user, "--"] + command
    }
}

/// Finds a free TCP port on 127.0.0.1 by binding port 0 and reading what the kernel chose.
enum FreePort {
    static func find() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ScratchPostgresError(message: "socket() failed: errno \(errno)") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer -> Int32 in
                guard bind(fd, pointer, length) == 0 else { return -1 }
                return getsockname(fd, pointer, &length)
            }
        }
        guard bound == 0 else { throw ScratchPostgresError(message: "bind() failed: errno \(errno)") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
