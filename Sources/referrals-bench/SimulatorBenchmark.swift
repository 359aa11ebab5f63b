import ArgumentParser
import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import PartnerCenterSimulator

/// `referrals-bench simulator`: pages through N referrals of a simulator (in process, or a running one with
/// `--url`) with one client, one request at a time, and prints referrals/s and MB/s per pass.
struct SimulatorBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulator",
        abstract: "Measure how fast the Partner Center simulator serves referrals to one client."
    )

    @Option(help: "Referrals to page through (and to generate, in process).") var referrals = 20_000
    @Option(help: "Referrals per page (in process).") var pageSize = 100
    @Option(help: "Base URL of a running simulator; default: start one in process.") var url: String?
    @Option(help: "Bearer token.") var token = "bench"
    @Option(help: "Passes over the data.") var passes = 3
    @Flag(help: "Also decode every page with JSONSerialization (measures client decoding too).") var decode = false

    func run() async throws {
        var simulator: PartnerCenterSimulator?
        let base: String
        if let url {
            base = url
        } else {
            var configuration = SimulatorConfiguration(
                referralCount: referrals, pageSize: pageSize, accessTokens: [token])
            configuration.port = 0
            var logger = Logger(label: "bench")
            logger.logLevel = .warning
            let generation = ContinuousClock.now
            let started = PartnerCenterSimulator(configuration: configuration, logger: logger)
            try await started.start()
            print("generated \(referrals) referrals in \(Self.seconds(ContinuousClock.now - generation)) s")
            simulator = started
            base = started.baseURL
        }
        for pass in 1...max(1, passes) {
            let (count, pages, bytes, elapsed) = try await pageThrough(base)
            let seconds = Self.seconds(elapsed)
            print(
                String(
                    format: "pass %d: %d referrals, %d pages, %.1f MB in %.3f s: %.0f referrals/s, %.1f MB/s",
                    pass, count, pages, Double(bytes) / 1e6, seconds, Double(count) / seconds,
                    Double(bytes) / 1e6 / seconds))
        }
        if let simulator { try await simulator.stop() }
    }

    private func pageThrough(_ base: String) async throws -> (Int, Int, Int, Duration) {
        let marker = Array(#""@odata.nextLink":""#.utf8)
        let eTag = Array(#""eTag":"#.utf8)
        var next: String? = base + "/v1.0/engagements/referrals?$top=\(referrals)"
        var count = 0, pages = 0, bytes = 0
        let started = ContinuousClock.now
        while let current = next {
            var request = HTTPClientRequest(url: current)
            request.headers.add(name: "Authorization", value: "Bearer \(token)")
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
            guard response.status == .ok else { throw ValidationError("HTTP \(response.status.code) for \(current)") }
            let body = Array(buffer: try await response.body.collect(upTo: 64 << 20))
            bytes += body.count
            pages += 1
            if decode {
                let page = try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any]
                count += (page?["value"] as? [Any])?.count ?? 0
            } else {
                count += Self.occurrences(of: eTag, in: body)
            }
            next = Self.nextLink(in: body, marker: marker)
        }
        return (count, pages, bytes, ContinuousClock.now - started)
    }

    /// The `@odata.nextLink` value, found by scanning the page's tail (the link is the last member).
    static func nextLink(in body: [UInt8], marker: [UInt8]) -> String? {
        let tailStart = max(0, body.count - 4096)
        guard let range = body[tailStart...].firstRange(of: marker) else { return nil }
        let rest = body[range.upperBound...]
        guard let end = rest.firstIndex(of: UInt8(ascii: "\"")) else { return nil }
        return String(decoding: rest[..<end], as: UTF8.self)
    }

    /// How many times `needle` occurs in `body` (a plain byte scan; `firstRange(of:)` is too slow here).
    static func occurrences(of needle: [UInt8], in body: [UInt8]) -> Int {
        guard let first = needle.first, body.count >= needle.count else { return 0 }
        var n = 0
        var i = 0
        let last = body.count - needle.count
        body.withUnsafeBufferPointer { b in
            needle.withUnsafeBufferPointer { k in
                while i <= last {
                    if b[i] == first {
                        var j = 1
                        while j < k.count, b[i + j] == k[j] { j += 1 }
                        if j == k.count {
                            n += 1
                            i += j
                            continue
                        }
                    }
                    i += 1
                }
            }
        }
        return n
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
}
