import ETLCore
import Foundation

#if canImport(Glibc)
    import Glibc
    private let systemWrite = Glibc.write
#elseif canImport(Darwin)
    import Darwin
    private let systemWrite = Darwin.write
#endif

/// The refresh-token cache file: JSON, mode 0600, one entry per authority + tenant + client id.
///
/// Refresh tokens rotate on every use, so each new one is written here at once (atomically: a 0600 temp file in
/// the same directory, then `rename`), and the next run starts from it. See `docs/extract.md`, "Tokens".
public struct TokenCache: Sendable {
    /// The file's path.
    public let path: String

    /// `~/.config/referrals-etl/token-cache.json` (under `$XDG_CONFIG_HOME` when set).
    public static func defaultPath(environment: [String: String]) -> String {
        if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty { return xdg + "/referrals-etl/token-cache.json" }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.config/referrals-etl/token-cache.json"
    }

    public init(path: String) { self.path = path }

    struct Entry: Codable {
        var refreshToken: String
        var updatedAt: String
    }

    struct File: Codable {
        var version = 1
        var entries: [String: Entry] = [:]
    }

    /// The refresh token stored under `key`, or nil when there is none (or no readable file).
    public func refreshToken(for key: String) -> Secret? {
        guard let file = try? read(), let entry = file.entries[key], !entry.refreshToken.isEmpty else { return nil }
        return Secret(entry.refreshToken)
    }

    /// Stores `token` under `key`, keeping the other entries.
    public func store(_ token: Secret, for key: String, now: Timestamp) throws(PartnerCenterError) {
        var file = (try? read()) ?? File()
        file.entries[key] = Entry(refreshToken: token.revealed, updatedAt: now.odataLiteral)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        guard let data = try? encoder.encode(file) else {
            throw PartnerCenterError(.internal, "could not encode the token cache")
        }
        try write(Array(data))
    }

    /// Throws unless the cache could be written now: its directory exists (or can be made) and takes a new
    /// file, and an existing cache file is writable. Checked before a refresh token is redeemed, since
    /// redeeming it uses it up and the rotated one must be saved.
    public func checkWritable() throws(PartnerCenterError) {
        let directory = (path as NSString).deletingLastPathComponent
        let fm = FileManager.default
        let existing = directory.isEmpty ? "." : Self.nearestExisting(directory)
        var isDirectory: ObjCBool = false
        let fileOK = !fm.fileExists(atPath: path) || fm.isWritableFile(atPath: path)
        guard fileOK, fm.fileExists(atPath: existing, isDirectory: &isDirectory), isDirectory.boolValue,
            fm.isWritableFile(atPath: existing)
        else {
            throw PartnerCenterError(
                .configuration,
                "the token cache \(path) is not writable: a refresh token is used up when redeemed, so the rotated "
                    + "one must be saved; fix the permissions or set PARTNER_CENTER_TOKEN_CACHE to a writable path",
                context: ["path": path])
        }
    }

    private static func nearestExisting(_ directory: String) -> String {
        var current = directory
        while !current.isEmpty, current != "/", !FileManager.default.fileExists(atPath: current) {
            current = (current as NSString).deletingLastPathComponent
        }
        return current.isEmpty ? "." : current
    }

    private func read() throws -> File {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return try JSONDecoder().decode(File.self, from: data)
    }

    private func write(_ bytes: [UInt8]) throws(PartnerCenterError) {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty, !FileManager.default.fileExists(atPath: directory) {
            do {
                try FileManager.default.createDirectory(
                    atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw failure("could not create the token cache directory", error)
            }
        }
        let temporary = path + ".tmp-\(UUID().uuidString.prefix(8))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else { throw failure("could not create the token cache file", POSIXErrorCode(rawValue: errno)) }
        var ok = fchmod(fd, 0o600) == 0
        var offset = 0
        while ok, offset < bytes.count {
            let written = bytes.withUnsafeBytes {
                systemWrite(fd, $0.baseAddress.map { $0 + offset }, $0.count - offset)
            }
            if written <= 0 { ok = false } else { offset += written }
        }
        ok = ok && fsync(fd) == 0
        ok = close(fd) == 0 && ok
        guard ok, rename(temporary, path) == 0 else {
            let code = POSIXErrorCode(rawValue: errno)
            unlink(temporary)
            throw failure("could not write the token cache file", code)
        }
    }

    private func failure(_ message: String, _ underlying: Any?) -> PartnerCenterError {
        PartnerCenterError(
            .configuration, message, context: ["path": path],
            underlying: underlying.map { PathError(detail: String(describing: $0)) })
    }

    struct PathError: Error { var detail: String }
}
