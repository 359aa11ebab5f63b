import Foundation

/// Runs the built `referrals-etl` binary (next to the test bundle in .build) and captures its output.
struct BinaryRunner {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
        /// The summary line parsed as JSON.
        var summary: [String: Any] {
            let line = stdout.split(separator: "\n").last.map(String.init) ?? ""
            return (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]) ?? [:]
        }
        func int(_ key: String) -> Int { (summary[key] as? NSNumber)?.intValue ?? -1 }
    }

    static var binary: URL {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/referrals-etl")
    }

    var environment: [String: String]

    /// Starts the binary with stdout to a pipe and stderr to a temporary file.
    func start(_ arguments: [String]) throws -> (Process, Pipe, URL) {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        process.environment = environment
        let out = Pipe()
        let errURL = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-\(UUID().uuidString).err")
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        process.standardOutput = out
        process.standardError = try FileHandle(forWritingTo: errURL)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return (process, out, errURL)
    }

    /// Runs the binary to completion.
    func run(_ arguments: [String]) throws -> Output {
        let (process, out, errURL) = try start(arguments)
        return Self.finish(process, out, errURL)
    }

    /// Waits for a process `start` began and collects its output.
    static func finish(_ process: Process, _ out: Pipe, _ errURL: URL) -> Output {
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let errText = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(at: errURL)
        return Output(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: errText)
    }
}
