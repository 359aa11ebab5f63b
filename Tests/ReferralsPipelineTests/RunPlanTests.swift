import PartnerCenter
import PostgresLoad
import Testing

@testable import ReferralsPipeline

@Suite("run plan")
struct RunPlanTests {
    static func configuration(_ edit: (inout PipelineConfiguration) -> Void = { _ in }) throws -> PipelineConfiguration
    {
        var c = try PipelineConfiguration.resolve(
            flags: PipelineSettings(),
            environment: ["DATABASE_URL": "postgres://x@localhost/db", "PARTNER_CENTER_ACCESS_TOKEN": "t"],
            userAgentVersion: "test")
        edit(&c)
        return c
    }

    let watermark = Timestamp(parsing: "2025-03-05T16:00:00Z")

    @Test("no watermark: a full read by creation time, watermark moves at the end")
    func first() throws {
        let plan = RunPlan(configuration: try Self.configuration(), watermark: nil)
        #expect(plan.mode == "full")
        #expect(plan.query.combinedFilter == nil)
        #expect(plan.query.orderBy == "createdDateTime asc")
        #expect(plan.movesWatermark && !plan.advancePerBatch && !plan.tracksSeen)
    }

    static func checkpoint(_ mode: String) -> LoadCheckpoint {
        LoadCheckpoint(
            mode: mode, createdAt: "2024-02-03T04:05:06.123456Z", referralID: "r-9",
            startedAt: "2025-03-01T00:00:00.000000Z", maxUpdatedAt: "2025-02-01T00:00:00.000000Z")
    }

    @Test("an unfinished first load resumes at its checkpoint's createdDateTime (ties read again)")
    func resumesFirstLoad() throws {
        let plan = RunPlan(configuration: try Self.configuration(), watermark: nil, checkpoint: Self.checkpoint("full"))
        #expect(plan.mode == "full")
        #expect(plan.resumes == Self.checkpoint("full"))
        #expect(plan.keepsCheckpoint)
        #expect(plan.query.combinedFilter == "createdDateTime ge 2024-02-03T04:05:06.1234560Z")
        #expect(plan.query.orderBy == "createdDateTime asc")
    }

    @Test("an unfinished full refresh is resumed by the next --full-refresh, not by a plain run, nor a first load")
    func resumesRefreshOnlyAsRefresh() throws {
        let refresh = try Self.configuration { $0.fullRefresh = true }
        let resumed = RunPlan(configuration: refresh, watermark: watermark, checkpoint: Self.checkpoint("full-refresh"))
        #expect(resumed.mode == "full-refresh")
        #expect(resumed.resumes != nil && resumed.tracksSeen)
        let filtered = try Self.configuration {
            $0.fullRefresh = true
            $0.filter = "direction eq 'Incoming'"
        }
        #expect(
            RunPlan(configuration: filtered, watermark: watermark, checkpoint: Self.checkpoint("full-refresh"))
                .query.combinedFilter
                == "(direction eq 'Incoming') and (createdDateTime ge 2024-02-03T04:05:06.1234560Z)")
        let plain = RunPlan(
            configuration: try Self.configuration(), watermark: watermark, checkpoint: Self.checkpoint("full-refresh"))
        #expect(plain.mode == "incremental" && plain.resumes == nil && !plain.keepsCheckpoint)
        let otherMode = RunPlan(configuration: refresh, watermark: nil, checkpoint: Self.checkpoint("full"))
        #expect(otherMode.resumes == nil && otherMode.query.combinedFilter == nil)
    }

    @Test("the page size goes with every mode's query", arguments: [false, true])
    func pageSize(backfill: Bool) throws {
        let c = try Self.configuration {
            $0.pageSize = 40
            if backfill { $0.since = Timestamp(parsing: "2025-01-01T00:00:00Z") }
        }
        for watermark in [nil, watermark] {
            let plan = RunPlan(configuration: c, watermark: watermark)
            #expect(plan.query.pageSize == 40)
            #expect(plan.query.queryString.hasSuffix("pagesize=40"))
            #expect(!plan.query.queryString.contains("$top"))
        }
    }

    @Test("scan: newest first, stops before watermark minus lookback")
    func scan() throws {
        let plan = RunPlan(configuration: try Self.configuration(), watermark: watermark)
        #expect(plan.mode == "incremental")
        #expect(plan.query.orderBy == "updatedDateTime desc")
        #expect(plan.stopBefore == Timestamp(parsing: "2025-03-04T16:00:00Z"))
        #expect(!plan.advancePerBatch)
    }

    @Test("filter: ge watermark minus lookback, ascending, watermark per batch, user filter kept")
    func filter() throws {
        let configuration = try Self.configuration {
            $0.strategy = .filter
            $0.lookbackSeconds = 3600
            $0.filter = "direction eq 'Incoming'"
        }
        let plan = RunPlan(configuration: configuration, watermark: watermark)
        #expect(plan.query.combinedFilter == "(direction eq 'Incoming') and (updatedDateTime ge 2025-03-05T15:00:00Z)")
        #expect(plan.query.orderBy == "updatedDateTime asc")
        #expect(plan.advancePerBatch && plan.stopBefore == nil)
    }

    @Test("full refresh ignores the watermark and tracks what it sees; backfill never moves the watermark")
    func refreshAndBackfill() throws {
        let refresh = RunPlan(configuration: try Self.configuration { $0.fullRefresh = true }, watermark: watermark)
        #expect(refresh.mode == "full-refresh" && refresh.tracksSeen && refresh.query.combinedFilter == nil)
        let backfill = RunPlan(
            configuration: try Self.configuration {
                $0.since = Timestamp(parsing: "2025-01-01T00:00:00Z")
                $0.until = Timestamp(parsing: "2025-02-01T00:00:00Z")
            }, watermark: watermark)
        #expect(backfill.mode == "backfill" && !backfill.movesWatermark)
        #expect(
            backfill.query.combinedFilter
                == "createdDateTime ge 2025-01-01T00:00:00Z and createdDateTime lt 2025-02-01T00:00:00Z")
    }
}

@Suite("configuration")
struct ConfigurationTests {
    let environment = [
        "DATABASE_URL": "postgres://env@localhost/db", "PARTNER_CENTER_ACCESS_TOKEN": "t",
        "REFERRALS_ETL_BATCH_SIZE": "200", "REFERRALS_ETL_STRATEGY": "filter",
    ]
    let yaml = "name: from-file\nbatch_size: 50\nstrategy: scan\nlookback_hours: 2\nschema: warehouse\n"

    @Test("flag > environment > file > default")
    func precedence() throws {
        var flags = PipelineSettings()
        flags.batchSize = 10
        let c = try PipelineConfiguration.resolve(
            flags: flags, environment: environment, pipelineFile: PipelineFile(path: "p.yaml", text: yaml),
            userAgentVersion: "t")
        #expect(c.batchSize == 10)
        #expect(c.strategy == .filter)
        #expect(c.pipelineName == "from-file")
        #expect(c.lookbackSeconds == 7200)
        #expect(c.schema.name == "warehouse")
        #expect(c.databaseURL == "postgres://env@localhost/db")
    }

    @Test(
        "bad settings are configuration errors naming the problem",
        arguments: [
            ("strategy: sideways\n", "strategy"), ("batch_size: 0\n", "batch_size \"0\" is out of range"),
            ("schema: Bad-Name\n", "schema name"),
            ("name: \"a b\"\n", "pipeline name"), ("batch_size: [\n", "not valid YAML"),
            ("lookback: 48\n", "unknown key \"lookback\""), ("page_size: 101\n", "page_size \"101\" is out of range"),
            ("page_size: 0\n", "page_size \"0\" is out of range"),
            ("max_rejected_percent: 101\n", "max_rejected_percent \"101\" is out of range"),
        ])
    func invalid(yaml: String, mentions: String) throws {
        do {
            let plain = ["DATABASE_URL": "postgres://env@localhost/db", "PARTNER_CENTER_ACCESS_TOKEN": "t"]
            _ = try PipelineConfiguration.resolve(
                flags: .init(), environment: plain, pipelineFile: PipelineFile(path: "p.yaml", text: yaml),
                userAgentVersion: "t")
            Issue.record("accepted \(yaml)")
        } catch let error as ConfigurationError {
            #expect(error.disposition == .configuration)
            #expect(error.message.contains(mentions))
        } catch let error as LoadError {
            #expect(error.disposition == .configuration)
            #expect(error.message.contains(mentions))
        }
    }

    @Test(
        "bad environment values are configuration errors naming the variable or the limit",
        arguments: [
            ("REFERRALS_ETL_LOOKBACK_HOURS", "a day", "REFERRALS_ETL_LOOKBACK_HOURS"),
            ("REFERRALS_ETL_BATCH_SIZE", "12.5", "REFERRALS_ETL_BATCH_SIZE"),
            ("REFERRALS_ETL_MAX_REJECTED_PERCENT", "150", "use 0 to 100"),
            ("REFERRALS_ETL_MAX_REJECTED_COUNT", "-1", "use 0 or more"),
            ("REFERRALS_ETL_RETRY_BUDGET_SECONDS", "-5", "use 0 to 86400"),
            ("REFERRALS_ETL_PAGE_CAP", "0", "use 1 or more"),
        ])
    func invalidEnvironment(variable: String, value: String, mentions: String) throws {
        var env = ["DATABASE_URL": "postgres://env@localhost/db", "PARTNER_CENTER_ACCESS_TOKEN": "t"]
        env[variable] = value
        do {
            _ = try PipelineConfiguration.resolve(
                flags: .init(), environment: env, userAgentVersion: "t")
            Issue.record("accepted \(variable)=\(value)")
        } catch let error as ConfigurationError {
            #expect(error.disposition == .configuration)
            #expect(error.message.contains(mentions), "\(error.message)")
        }
    }

    @Test("rejection thresholds and API limits come from the environment")
    func thresholdsFromEnvironment() throws {
        var env = environment
        env["REFERRALS_ETL_MAX_REJECTED_PERCENT"] = "5"
        env["REFERRALS_ETL_MAX_REJECTED_COUNT"] = "3"
        env["REFERRALS_ETL_RETRY_BUDGET_SECONDS"] = "30"
        env["REFERRALS_ETL_PAGE_CAP"] = "7"
        env["REFERRALS_ETL_PAGE_SIZE"] = "50"
        let c = try PipelineConfiguration.resolve(
            flags: .init(), environment: env, userAgentVersion: "t")
        #expect(c.maxRejectedShare == 0.05)
        #expect(c.maxRejectedCount == 3)
        #expect(c.api.retryBudget == 30)
        #expect(c.api.pageCap == 7)
        #expect(c.pageSize == 50)
    }

    @Test("no database is a configuration error")
    func noDatabase() {
        #expect(throws: ConfigurationError.self) {
            try PipelineConfiguration.resolve(
                flags: .init(), environment: ["PARTNER_CENTER_ACCESS_TOKEN": "t"], userAgentVersion: "t")
        }
    }
}

@Suite("run summary")
struct RunSummaryTests {
    @Test("one JSON line with the contract's keys in order, escaped")
    func jsonLine() throws {
        var summary = RunSummary(runID: "r1", status: "failed", pipeline: "p", mode: "full")
        summary.inserted = 3
        summary.error = "bad \"quote\"\nnext"
        let line = summary.jsonLine
        #expect(!line.contains("\n"))
        #expect(
            line.hasPrefix(
                #"{"run_id":"r1","status":"failed","pages":0,"referrals":0,"inserted":3,"updated":0,"unchanged":0,"rejected":0,"watermark":null,"duration_s":0.000,"#
            ))
        #expect(line.contains(#""error":"bad \"quote\"\nnext""#))
    }
}
