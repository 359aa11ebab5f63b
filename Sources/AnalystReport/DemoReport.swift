import PostgresLoad

/// The short report `demo` prints: rows per table, top solutions by deal value, pending incoming leads.
public struct DemoReport: Sendable {
    public let schema: SchemaName

    public init(schema: SchemaName) { self.schema = schema }

    /// The report, counting days left as of `asOf` (the simulator's clock in the demo; nil: the newest update
    /// in the warehouse, since simulated data lives on its own clock).
    public func render(on db: LibPQConnection, asOf: String? = nil) throws -> String {
        var counts: [[String]] = []
        for table in [
            "referrals", "customers", "requirements", "referral_requirements", "referral_team_members",
            "referral_status_history", "rejected_referrals", "etl_runs",
        ] {
            counts.append([table, try db.execute("SELECT count(*) FROM \(schema.table(table))").scalar ?? "?"])
        }
        var lines = [
            "", "Rows per table (schema \(schema))",
            TextTable(headers: ["table", "rows"], rows: counts, rightAligned: [1]).render(),
        ]
        lines.append("")
        lines.append("Top solutions by deal value (USD)")
        let top = try db.execute(
            """
            SELECT coalesce(solution_name, solution_code), sum(referrals)::text, sum(deal_value)::text
            FROM \(schema.table("solution_pipeline")) WHERE currency = 'USD'
            GROUP BY 1 ORDER BY sum(deal_value) DESC NULLS LAST LIMIT 5
            """)
        lines.append(
            TextTable(
                headers: ["solution", "referrals", "deal value"],
                rows: top.rows.map { [$0[0] ?? "?", $0[1] ?? "", MorningReport.money($0[2] ?? "0")] },
                rightAligned: [1, 2]
            ).render())
        lines.append("")
        let moment =
            try asOf
            ?? db.execute("SELECT coalesce(max(updated_at), now())::text FROM \(schema.table("referrals"))").scalar
            ?? ""
        lines.append("Pending incoming leads by days left before the 14-day expiry (as of \(moment))")
        let pending = try db.execute(
            """
            WITH leads AS (
                SELECT floor(extract(epoch FROM (expires_at - $1::timestamptz)) / 86400)::integer AS days
                FROM \(schema.table("pending_incoming_leads"))
            )
            SELECT CASE WHEN days < 0 THEN 'overdue' WHEN days <= 3 THEN '0-3 days'
                        WHEN days <= 7 THEN '4-7 days' ELSE '8+ days' END AS bucket, count(*)::text
            FROM leads GROUP BY 1 ORDER BY min(days)
            """, [moment])
        lines.append(
            TextTable(
                headers: ["days left", "leads"], rows: pending.rows.map { [$0[0] ?? "", $0[1] ?? ""] },
                rightAligned: [1]
            )
            .render())
        return lines.joined(separator: "\n")
    }
}
