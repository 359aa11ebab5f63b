extension MorningReport {
    /// The report as aligned text tables for a terminal.
    public func text() -> String {
        var sections = ["Referrals morning report (schema \(schema), as of \(asOf))"]
        sections.append(
            "Waiting for an answer: incoming referrals still New, by time left before Partner Center expires them\n"
                + TextTable(
                    headers: ["deadline", "referrals"], rows: slaBuckets.map { [$0.label, String($0.count)] },
                    rightAligned: [1]
                ).render())
        sections.append(
            "Next deadlines\n"
                + TextTable(
                    headers: ["referral", "customer", "hours left", "expires"],
                    rows: nextDeadlines.map { [$0.name, $0.customer, $0.hoursLeft, $0.expiresAt] }, rightAligned: [2]
                ).render())
        sections.append(
            "Funnel: referrals created per month, and where they are now\n"
                + TextTable(
                    headers: ["month", "created", "accepted", "won", "lost", "declined", "expired", "waiting"],
                    rows: funnel.map {
                        [$0.month]
                            + [$0.created, $0.accepted, $0.won, $0.lost, $0.declined, $0.expired, $0.awaiting].map(
                                String.init)
                    }, rightAligned: Set(1...7)
                ).render())
        sections.append("Win rate: won / (won + lost), by quarter of creation\n" + Self.winTable(winRate, "quarter"))
        sections.append("Win rate by solution, last four quarters\n" + Self.winTable(winRateBySolution, "solution"))
        sections.append(
            "Deal value by solution (\(currency); other currencies in deal_value_by_requirement)\n"
                + TextTable(
                    headers: ["solution", "open", "open value", "won", "won value"],
                    rows: dealValue.map {
                        [
                            $0.solution, String($0.openReferrals), Self.money($0.openValue), String($0.wonReferrals),
                            Self.money($0.wonValue),
                        ]
                    }, rightAligned: [1, 2, 3, 4]
                ).render())
        sections.append(
            "Pipeline health: the last runs\n"
                + TextTable(
                    headers: [
                        "pipeline", "started", "status", "mode", "inserted", "updated", "rejected", "seconds",
                        "hours since success",
                    ],
                    rows: runs.map {
                        [
                            $0.pipeline, $0.startedAt, $0.status, $0.mode, String($0.inserted), String($0.updated),
                            String($0.rejected),
                        ]
                            + [$0.durationSeconds, $0.hoursSinceSuccess]
                    }, rightAligned: [4, 5, 6, 7, 8]
                ).render())
        return sections.joined(separator: "\n\n")
    }

    static func winTable(_ rates: [WinRate], _ label: String) -> String {
        TextTable(
            headers: [label, "won", "lost", "win rate"],
            rows: rates.map { [$0.label, String($0.won), String($0.lost), "\($0.percent) %"] }, rightAligned: [1, 2, 3]
        ).render()
    }

    /// An exact decimal with thousands separators: `1234567.5` → `1,234,567.5`.
    public static func money(_ decimal: String) -> String {
        let negative = decimal.hasPrefix("-")
        let digits = negative ? String(decimal.dropFirst()) : decimal
        let parts = digits.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        var whole = ""
        for (index, digit) in (parts.first ?? "").reversed().enumerated() {
            if index > 0 && index % 3 == 0 { whole.append(",") }
            whole.append(digit)
        }
        let fraction = parts.count > 1 ? "." + parts[1] : ""
        return (negative ? "-" : "") + String(whole.reversed()) + fraction
    }
}
