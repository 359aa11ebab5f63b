/// The short report `demo` prints: rows per table, top solutions by deal value, pending incoming leads.
public struct DemoReport: Sendable {
    public let schema: SchemaName

    public init(schema: SchemaName) { self.schema = schema }

    public func render(on db: LibPQConnection) throws -> String {
        var lines = ["", "Rows per table (schema \(schema))"]
        for table in [
            "referrals", "customers", "requirements", "referral_requirements", "referral_team_members",
            "referral_status_history", "rejected_referrals", "etl_runs",
        ] {
            let count = try db.execute("SELECT count(*) FROM \(schema.table(table))").scalar ?? "?"
            lines.append("  \(table.padding(toLength: 26, withPad: " ", startingAt: 0)) \(count)")
        }
        lines.append("")
        lines.append("Top solutions by deal value (USD)")
        let top = try db.execute(
            """
            SELECT coalesce(solution_name, solution_code), sum(referrals)::text, to_char(sum(deal_value), 'FM999,999,999,990')
            FROM \(schema.table("solution_pipeline")) WHERE currency = 'USD'
            GROUP BY 1 ORDER BY sum(deal_value) DESC NULLS LAST LIMIT 5
            """)
        for row in top.rows {
            lines.append(
                "  \((row[0] ?? "?").padding(toLength: 40, withPad: " ", startingAt: 0)) \(row[1] ?? "") referrals  \(row[2] ?? "")"
            )
        }
        lines.append("")
        // Days left as of the newest update in the warehouse, not the wall clock: the simulator's data lives
        // on its own clock (the view itself counts from now(), as a dashboard should).
        let asOf =
            try db.execute("SELECT coalesce(max(updated_at), now())::text FROM \(schema.table("referrals"))").scalar
            ?? ""
        lines.append(
            "Pending incoming leads by days left before the 14-day expiry (as of \(asOf), the newest update)")
        let pending = try db.execute(
            """
            WITH leads AS (
                SELECT floor(extract(epoch FROM (expires_at - $1::timestamptz)) / 86400)::integer AS days
                FROM \(schema.table("pending_incoming_leads"))
            )
            SELECT CASE WHEN days < 0 THEN 'overdue' WHEN days <= 3 THEN '0-3 days'
                        WHEN days <= 7 THEN '4-7 days' ELSE '8+ days' END AS bucket, count(*)::text
            FROM leads GROUP BY 1 ORDER BY min(days)
            """, [asOf])
        for row in pending.rows {
            lines.append("  \((row[0] ?? "").padding(toLength: 10, withPad: " ", startingAt: 0)) \(row[1] ?? "")")
        }
        if pending.rows.isEmpty { lines.append("  (none)") }
        return lines.joined(separator: "\n")
    }
}
