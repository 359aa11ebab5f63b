import PostgresLoad

extension MorningReport {
    /// Reads the report from the views of `schema`, counting from `asOf` (any timestamptz text) or, when nil,
    /// from now(). Sets `referrals_etl.as_of` for the connection's session.
    public static func read(from db: LibPQConnection, schema: SchemaName, asOf: String? = nil) throws -> MorningReport {
        try db.execute("SELECT set_config('referrals_etl.as_of', $1, false)", [asOf ?? ""])
        func view(_ name: String) -> String { schema.table(name) }
        func int(_ text: String?) -> Int { Int(text ?? "") ?? 0 }
        let moment = try db.execute("SELECT \(schema.quoted).referrals_as_of()::text").scalar ?? ""

        let buckets = try db.execute(
            """
            SELECT b.label, count(s.id) FROM (VALUES (1, 'expired'), (2, 'under 24 h'), (3, 'under 3 days'), (4, 'later'))
                AS b(position, label)
            LEFT JOIN \(view("pending_response_sla")) s ON s.bucket = b.label
            GROUP BY b.position, b.label ORDER BY b.position
            """
        ).rows.map { Count(label: $0[0] ?? "", count: int($0[1])) }
        let deadlines = try db.execute(
            """
            SELECT coalesce(name, id), coalesce(customer_name, ''), hours_left::text,
                   to_char(expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI "UTC"')
            FROM \(view("pending_response_sla")) WHERE hours_left > 0 ORDER BY expires_at, id LIMIT 10
            """
        ).rows.map {
            Deadline(name: $0[0] ?? "", customer: $0[1] ?? "", hoursLeft: $0[2] ?? "", expiresAt: $0[3] ?? "")
        }

        let funnel = try db.execute(
            """
            SELECT to_char(month, 'YYYY-MM'), sum(created), sum(accepted), sum(won), sum(lost), sum(declined),
                   sum(expired), sum(awaiting_response)
            FROM \(view("funnel_by_month"))
            WHERE month > (\(schema.quoted).referrals_as_of() AT TIME ZONE 'UTC') - interval '12 months'
              AND month <= (\(schema.quoted).referrals_as_of() AT TIME ZONE 'UTC')
            GROUP BY month ORDER BY month
            """
        ).rows.map {
            FunnelMonth(
                month: $0[0] ?? "", created: int($0[1]), accepted: int($0[2]), won: int($0[3]), lost: int($0[4]),
                declined: int($0[5]), expired: int($0[6]), awaiting: int($0[7]))
        }
        // Per quarter from the funnel, not from win_rate: win_rate counts a referral once per solution.
        let winRate = try db.execute(
            """
            SELECT quarter, won, lost, round(100.0 * won / nullif(won + lost, 0), 1)::text FROM (
                SELECT to_char(date_trunc('quarter', month), 'YYYY-"Q"Q') AS quarter, sum(won) AS won, sum(lost) AS lost
                FROM \(view("funnel_by_month"))
                WHERE month > (\(schema.quoted).referrals_as_of() AT TIME ZONE 'UTC') - interval '24 months'
                  AND month <= (\(schema.quoted).referrals_as_of() AT TIME ZONE 'UTC')
                GROUP BY 1
            ) q WHERE won + lost > 0 ORDER BY quarter
            """
        ).rows.map { WinRate(label: $0[0] ?? "", won: int($0[1]), lost: int($0[2]), percent: $0[3] ?? "") }
        let bySolution = try db.execute(
            """
            SELECT coalesce(solution_name, solution_code), sum(won), sum(lost),
                   round(100.0 * sum(won) / nullif(sum(won) + sum(lost), 0), 1)::text
            FROM \(view("win_rate"))
            WHERE solution_code IS NOT NULL
              AND quarter > (\(schema.quoted).referrals_as_of() AT TIME ZONE 'UTC') - interval '12 months'
              AND quarter <= (\(schema.quoted).referrals_as_of() AT TIME ZONE 'UTC')
            GROUP BY 1 ORDER BY sum(won) + sum(lost) DESC, 1 LIMIT 10
            """
        ).rows.map { WinRate(label: $0[0] ?? "", won: int($0[1]), lost: int($0[2]), percent: $0[3] ?? "") }

        let currency =
            try db.execute(
                """
                SELECT currency FROM \(view("referrals"))
                WHERE status IN ('New', 'Active') AND currency IS NOT NULL AND missing_since IS NULL
                GROUP BY currency ORDER BY count(*) DESC, currency LIMIT 1
                """
            ).scalar ?? "USD"
        let dealValue = try db.execute(
            """
            SELECT name, open_referrals, open_deal_value::text, won_referrals, won_deal_value::text
            FROM \(view("deal_value_by_requirement"))
            WHERE kind = 'solution' AND currency = $1 ORDER BY open_deal_value DESC, name LIMIT 10
            """, [currency]
        ).rows.map {
            SolutionValue(
                solution: $0[0] ?? "", openReferrals: int($0[1]), openValue: $0[2] ?? "0", wonReferrals: int($0[3]),
                wonValue: $0[4] ?? "0")
        }
        let runs = try db.execute(
            """
            SELECT pipeline, to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS "UTC"'), status,
                   coalesce(mode, ''), inserted, updated, rejected, coalesce(duration_s::text, ''),
                   coalesce(hours_since_success::text, 'never')
            FROM \(view("pipeline_health")) WHERE run_rank <= 3 ORDER BY pipeline, run_rank
            """
        ).rows.map {
            Run(
                pipeline: $0[0] ?? "", startedAt: $0[1] ?? "", status: $0[2] ?? "", mode: $0[3] ?? "",
                inserted: int($0[4]), updated: int($0[5]), rejected: int($0[6]), durationSeconds: $0[7] ?? "",
                hoursSinceSuccess: $0[8] ?? "")
        }
        return MorningReport(
            asOf: moment, schema: schema.name, slaBuckets: buckets, nextDeadlines: deadlines, funnel: funnel,
            winRate: winRate, winRateBySolution: bySolution, currency: currency, dealValue: dealValue, runs: runs)
    }
}
