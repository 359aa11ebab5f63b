import Foundation
import PostgresLoad
import TestSupport
import Testing

extension AnalystEndToEnd {
    /// Each analyst view (sql/views) on a warehouse the binary loaded from the simulator, its figures compared with
    /// the same figures computed here from the simulator's JSON (`AnalystExpected`), never from the view's SQL.
    @Suite("analyst views end to end", .serialized)
    struct AnalystViewsTests {
        static func rows(_ db: LibPQConnection, _ sql: String, _ parameters: [String?] = []) throws -> [String] {
            try db.execute(sql, parameters).rows.map { $0.map { $0 ?? "" }.joined(separator: "|") }
        }

        static func connect(_ warehouse: AnalystWarehouse, asOf: String? = nil) throws -> LibPQConnection {
            let db = try TestDatabase.connect()
            try db.execute("SELECT set_config('search_path', $1, false)", [warehouse.schema.name])
            if let asOf { try db.execute("SELECT set_config('referrals_etl.as_of', $1, false)", [asOf]) }
            return db
        }

        /// A connection to the shared warehouse counting from the simulated now, and the figures expected then.
        static func loaded() async throws -> (LibPQConnection, AnalystExpected) {
            let warehouse = try await AnalystWarehouse.shared()
            let db = try connect(warehouse, asOf: warehouse.simulatedNow)
            return (db, AnalystExpected(warehouse.after, asOf: warehouse.simulatedNow))
        }

        @Test("referral_overview: one row per referral with days open, team sizes and requirement lists")
        func overview() async throws {
            let (db, expected) = try await Self.loaded()
            let stored = try Self.rows(
                db,
                """
                SELECT id, category, days_open, partner_team_size, customer_contacts, coalesce(solutions, ''),
                       coalesce(products, ''), coalesce(industries, ''), coalesce(services, ''), is_open
                FROM referral_overview
                """)
            let warehouse = try await AnalystWarehouse.shared()
            #expect(stored.count == warehouse.initial + warehouse.arrivals)
            #expect(Set(stored) == expected.overview)
        }

        @Test("the API docs' three sample questions: inbound co-sell, not yet answered, active outbound by seller")
        func sampleQuestions() async throws {
            let (db, expected) = try await Self.loaded()
            #expect(try Self.rows(db, "SELECT id FROM inbound_cosell_opportunities") == expected.inboundCoSell)
            #expect(try Self.rows(db, "SELECT id FROM inbound_awaiting_response") == expected.awaitingResponse)
            let bySeller = try Self.rows(db, "SELECT seller_email, referral_id FROM outbound_cosell_by_seller")
            #expect(bySeller.count == Set(bySeller).count)
            #expect(Set(bySeller) == expected.outboundBySeller)
            #expect(!expected.outboundBySeller.isEmpty)
        }

        @Test(
            "pending_response_sla: hours left and bucket for every incoming referral still New, at three as-of times (14 days, 2.5 days, 12 h before the arrivals expire)",
            arguments: [0, 11 * 86_400 + 12 * 3600, 13 * 86_400 + 12 * 3600])
        func pendingResponseSLA(later seconds: Int) async throws {
            let warehouse = try await AnalystWarehouse.shared()
            let base = try #require(SimulatorJSON.micros(warehouse.simulatedNow))
            let asOfMicros = base + Int64(seconds) * 1_000_000
            let asOf = AnalystExpected.isoText(asOfMicros)
            let db = try Self.connect(warehouse, asOf: asOf)
            let expected = AnalystExpected(warehouse.after, asOf: asOf)
            let stored = try Self.rows(db, "SELECT id, hours_left, bucket FROM pending_response_sla")
            #expect(Set(stored) == expected.sla)
            // The arrivals (created at the simulated now) fall in a different bucket at each as-of time.
            #expect(Set(expected.sla.map { $0.split(separator: "|").last.map(String.init) ?? "" }).count >= 2)
        }

        @Test("funnel_by_month and win_rate")
        func funnelAndWinRate() async throws {
            let (db, expected) = try await Self.loaded()
            let funnel = try Self.rows(
                db,
                """
                SELECT month, direction, type, qualification, created, awaiting_response, accepted, active, won, lost,
                       declined, expired
                FROM funnel_by_month
                """)
            #expect(Set(funnel) == expected.funnel)
            let winRate = try Self.rows(
                db,
                "SELECT quarter, qualification, direction, coalesce(solution_code, ''), won, lost, win_rate FROM win_rate"
            )
            #expect(Set(winRate) == expected.winRate)
        }

        @Test("deal_value_by_requirement: open and won value per requirement and currency")
        func dealValue() async throws {
            let (db, expected) = try await Self.loaded()
            let stored = try db.execute(
                """
                SELECT kind, code, coalesce(currency, ''), open_referrals, open_deal_value, won_referrals, won_deal_value
                FROM deal_value_by_requirement
                """
            ).rows.map { AnalystExpected.valueRow($0.map { $0 ?? "" }) }
            #expect(Set(stored) == expected.dealValue)
        }

        @Test("seller_workload: per partner-side team member")
        func sellerWorkload() async throws {
            let (db, expected) = try await Self.loaded()
            let stored = try db.execute(
                """
                SELECT seller_email, referrals, open_referrals, awaiting_response, active_referrals, open_deal_value::text,
                       coalesce(oldest_pending_referral_id, '')
                FROM seller_workload
                """
            ).rows.map { row in
                let values =
                    (try? JSONSerialization.jsonObject(with: Data((row[5] ?? "{}").utf8)) as? [String: Any]) ?? [:]
                let text = values.keys.sorted().map { "\($0)=\(Decimal(string: "\(values[$0] ?? "")") ?? -1)" }
                return [row[0], row[1], row[2], row[3], row[4], text.joined(separator: ","), row[6]].map { $0 ?? "" }
                    .joined(separator: "|")
            }
            #expect(Set(stored) == expected.sellers)
        }

        @Test("status_timeline: one step per status seen, the time between versions")
        func statusTimeline() async throws {
            let warehouse = try await AnalystWarehouse.shared()
            let db = try Self.connect(warehouse, asOf: warehouse.simulatedNow)
            let expected = AnalystExpected.timeline(
                before: warehouse.before, after: warehouse.after, asOf: warehouse.simulatedNow)
            let stored = try Self.rows(
                db, "SELECT referral_id, step, status, substatus, is_current, hours_in_status FROM status_timeline")
            #expect(Set(stored) == expected)
            #expect(stored.contains { $0.contains("|2|") }, "no referral moved")
        }

        @Test("pipeline_health: the runs of the pipeline, newest first, with the watermark")
        func pipelineHealth() async throws {
            let warehouse = try await AnalystWarehouse.shared()
            let db = try Self.connect(warehouse)
            let rows = try db.execute(
                """
                SELECT pipeline, run_rank, status, mode, inserted, updated, watermark IS NOT NULL,
                       last_success_at IS NOT NULL, hours_since_success < 1
                FROM pipeline_health ORDER BY run_rank
                """
            ).rows.map { $0.map { $0 ?? "" } }
            #expect(
                rows == [
                    ["default", "1", "succeeded", "incremental", "\(warehouse.arrivals)", "\(warehouse.changed.count)"]
                        + ["t", "t", "t"],
                    ["default", "2", "succeeded", "full", "\(warehouse.initial)", "0", "t", "t", "t"],
                ])
        }
    }
}
