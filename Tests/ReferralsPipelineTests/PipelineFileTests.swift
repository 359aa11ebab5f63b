import Testing

@testable import ReferralsPipeline

@Suite("pipeline file")
struct PipelineFileTests {
    let environment = ["DATABASE_URL": "postgres://env@localhost/db", "PARTNER_CENTER_ACCESS_TOKEN": "t"]

    func resolve(_ yaml: String, extra: [String: String] = [:]) throws -> PipelineConfiguration {
        try PipelineConfiguration.resolve(
            flags: .init(), environment: environment.merging(extra) { $1 },
            pipelineFile: PipelineFile(path: "pipes/p.yaml", text: yaml), userAgentVersion: "t")
    }

    /// The configuration error `yaml` raises (none is a test failure).
    func failure(_ yaml: String, extra: [String: String] = [:]) -> String {
        do {
            _ = try resolve(yaml, extra: extra)
            Issue.record("accepted \(yaml)")
            return ""
        } catch let error as ConfigurationError {
            #expect(error.disposition == .configuration)
            return error.message
        } catch {
            Issue.record("not a configuration error: \(error)")
            return ""
        }
    }

    @Test("metrics_file: the file's value, under the environment's, under the flag's")
    func metricsFile() throws {
        #expect(try resolve("metrics_file: /tmp/a.prom\n").metricsFile == "/tmp/a.prom")
        #expect(
            try resolve("metrics_file: /tmp/a.prom\n", extra: ["REFERRALS_ETL_METRICS_FILE": "/tmp/b.prom"]).metricsFile
                == "/tmp/b.prom")
        #expect(try resolve("name: a\n").metricsFile == nil)
    }

    @Test("${NAME} takes the environment's value, anywhere in a value")
    func references() throws {
        let c = try resolve(
            "name: seller\nfilter: \"team/any(t:t/email eq '${SELLER}')\"\nbatch_size: ${BATCH}\n",
            extra: ["SELLER": "ana@contoso.com", "BATCH": "250"])
        #expect(c.filter == "team/any(t:t/email eq 'ana@contoso.com')")
        #expect(c.batchSize == 250)
    }

    @Test(
        "every problem names the file, the line and the key",
        arguments: [
            (
                "name: a\nstrategy: sideways\n",
                "pipes/p.yaml:2: strategy \"sideways\" is not valid: give scan or filter"
            ),
            ("name: a\n\nbatch_size: 0\n", "pipes/p.yaml:3: batch_size \"0\" is out of range: use 1 to 100000"),
            ("batch_size: lots\n", "pipes/p.yaml:1: batch_size \"lots\" is not valid: give a whole number"),
            ("name: a\nlookback: 48\n", "pipes/p.yaml:2: unknown key \"lookback\""),
            ("filter: \"x eq '${MISSING}'\"\n", "pipes/p.yaml:1: filter: ${MISSING} is not set: export MISSING"),
            ("filter: \"${EMPTY}\"\n", "pipes/p.yaml:1: filter: ${EMPTY} is not set"),
            ("filter: \"${OPEN\"\n", "has no closing"),
            ("filter: \"${1X}\"\n", "is not a variable name"),
            ("name: a\nname: b\n", "given twice"),
            ("- name\n", "pipes/p.yaml:1: a pipeline file is a mapping"),
            ("schema: [a, b]\n", "pipes/p.yaml:1: schema: give one value"),
            ("schema: Bad-Name\n", "pipes/p.yaml:1: schema \"Bad-Name\" is not a valid schema name"),
            ("name: a\nbatch_size: [\n", "pipes/p.yaml: not valid YAML (line"),
            (
                "metrics_file: /no/such/dir/m.prom\n",
                "pipes/p.yaml:1: metrics_file \"/no/such/dir/m.prom\" is in a directory that does not exist"
            ),
        ])
    func located(yaml: String, expected: String) {
        let message = failure(yaml, extra: ["EMPTY": ""])
        #expect(message.contains(expected), "\(message)")
    }

    @Test(
        "a literal secret is refused with the variable to use, and never echoed",
        arguments: [
            ("client_secret: s3cr3t-value-123\n", "PARTNER_CENTER_CLIENT_SECRET", "s3cr3t-value-123"),
            ("refresh_token: 0.AAAA-rt-value\n", "PARTNER_CENTER_REFRESH_TOKEN", "0.AAAA-rt-value"),
            ("access_token: abcdef123456\n", "PARTNER_CENTER_ACCESS_TOKEN", "abcdef123456"),
            ("password: hunter2hunter2\n", "PGPASSWORD", "hunter2hunter2"),
            ("filter: \"x eq 'eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl'\"\n", "looks like a token", "eyJhbGciOi"),
            ("name: \"Bearer abcdefghijklmnop\"\n", "looks like a token", "abcdefghijklmnop"),
            ("database_url: postgres://etl:hunter2pw@db/warehouse\n", "PGPASSWORD", "hunter2pw"),
            ("database_url: \"host=db password=hunter2pw dbname=w\"\n", "literal password", "hunter2pw"),
        ])
    func secrets(yaml: String, expected: String, secret: String) {
        let message = failure(yaml)
        #expect(message.contains(expected), "\(message)")
        #expect(message.contains("pipes/p.yaml:1:"))
        #expect(!message.contains(secret))
    }

    @Test("a database URL whose password is a ${NAME} reference, or that has none, is accepted")
    func databaseURLReferences() throws {
        func databaseURL(_ yaml: String) throws -> String {
            try PipelineConfiguration.resolve(
                flags: .init(), environment: ["PARTNER_CENTER_ACCESS_TOKEN": "t", "DB_PASSWORD": "pw"],
                pipelineFile: PipelineFile(path: "p.yaml", text: yaml), userAgentVersion: "t"
            ).databaseURL
        }
        #expect(try databaseURL("database_url: postgres://etl:${DB_PASSWORD}@db/w\n") == "postgres://etl:pw@db/w")
        #expect(try databaseURL("database_url: \"host=db password=${DB_PASSWORD}\"\n") == "host=db password=pw")
        #expect(try databaseURL("database_url: postgres://etl@db/w\n") == "postgres://etl@db/w")
    }

    @Test("a YAML syntax error does not quote the file's lines")
    func syntaxErrorQuotesNothing() {
        let message = failure("name: a\nfilter: \"unterminated hunter2\n")
        #expect(message.contains("not valid YAML"))
        #expect(!message.contains("hunter2"))
    }

    @Test("an empty file is no settings")
    func empty() throws {
        #expect(try resolve("# nothing\n").batchSize == 1_000)
    }
}
