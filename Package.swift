// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "referrals-etl",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "referrals-etl", targets: ["referrals-etl"])
    ],
    dependencies: [
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // libpq, the only C dependency. Only PostgresLoad/Connection/LibPQConnection.swift imports it.
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        // What every stage shares: error dispositions, secrets, log keys. No dependencies.
        .target(name: "ETLCore"),
        // Extract: HTTP and the API, nothing of SQL.
        .target(
            name: "PartnerCenter",
            dependencies: [
                "ETLCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Transform: pure. Referral values in, rows out.
        .target(
            name: "Warehouse",
            dependencies: ["ETLCore", "PartnerCenter", .product(name: "Crypto", package: "swift-crypto")]
        ),
        // Load: libpq and SQL, nothing of HTTP.
        .target(
            name: "PostgresLoad",
            dependencies: [
                "CLibPQ",
                "ETLCore",
                "Warehouse",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The conductor: configuration, state, the run.
        .target(
            name: "ReferralsPipeline",
            dependencies: [
                "ETLCore",
                "PartnerCenter",
                "Warehouse",
                "PostgresLoad",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        // For analysts: the morning report from the views (text tables, an HTML page through Mustache).
        .target(
            name: "AnalystReport",
            dependencies: ["PostgresLoad", .product(name: "Mustache", package: "swift-mustache")]
        ),
        // A faithful local stand-in for the Partner Center referrals API. Shares no code with the client.
        .target(
            name: "PartnerCenterSimulator",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // A throwaway PostgreSQL cluster, for the tests and `demo`.
        .target(name: "ScratchPostgres"),
        .executableTarget(
            name: "referrals-etl",
            dependencies: [
                "ETLCore",
                "PartnerCenter",
                "ReferralsPipeline",
                "AnalystReport",
                "PartnerCenterSimulator",
                "ScratchPostgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Benchmarks: print figures, never assert timing. `swift run -c release referrals-bench --help`.
        .executableTarget(
            name: "referrals-bench",
            dependencies: [
                "ReferralsPipeline",
                "PartnerCenterSimulator",
                "ScratchPostgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Shared by the test targets: the scratch database and the simulator, started once per process.
        .target(
            name: "TestSupport",
            dependencies: [
                "ScratchPostgres", "PartnerCenterSimulator", "PostgresLoad",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            path: "Tests/TestSupport"
        ),
        .testTarget(name: "PartnerCenterTests", dependencies: ["PartnerCenter", "TestSupport"]),
        .testTarget(
            name: "WarehouseTests", dependencies: ["Warehouse", "PartnerCenter"], resources: [.copy("Fixtures")]),
        .testTarget(name: "PostgresLoadTests", dependencies: ["PostgresLoad", "TestSupport", "ScratchPostgres"]),
        .testTarget(name: "AnalystReportTests", dependencies: ["AnalystReport"]),
        .testTarget(name: "ReferralsPipelineTests", dependencies: ["ReferralsPipeline", "TestSupport"]),
        .testTarget(name: "PartnerCenterSimulatorTests", dependencies: ["PartnerCenterSimulator", "TestSupport"]),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "TestSupport", "PartnerCenter", "PartnerCenterSimulator", "PostgresLoad", "ScratchPostgres",
                "AnalystReport",
            ]
        ),
    ]
)
