import Testing

@testable import AnalystReport

@Suite("the HTML morning report")
struct HTMLPageTests {
    static let report = MorningReport(
        asOf: "2025-07-01 00:00:00+00", schema: "partner_center",
        slaBuckets: [.init(label: "expired", count: 3), .init(label: "under 24 h", count: 1)],
        nextDeadlines: [
            .init(
                name: "Fabrikam <Pilot> & Co", customer: "株式会社サンプル KK", hoursLeft: "5.5",
                expiresAt: "2025-07-01 05:30 UTC")
        ],
        funnel: [
            .init(month: "2025-06", created: 40, accepted: 20, won: 9, lost: 4, declined: 3, expired: 2, awaiting: 11)
        ],
        winRate: [.init(label: "2025-Q2", won: 9, lost: 4, percent: "69.2")],
        winRateBySolution: [.init(label: "Dynamics on Azure", won: 2, lost: 1, percent: "66.7")], currency: "USD",
        dealValue: [
            .init(
                solution: "Northwind 受注管理", openReferrals: 3, openValue: "1234567.50", wonReferrals: 1, wonValue: "5000"
            )
        ],
        runs: [
            .init(
                pipeline: "default", startedAt: "2026-11-30 06:00:00 UTC", status: "succeeded", mode: "incremental",
                inserted: 5,
                updated: 7, rejected: 0, durationSeconds: "3.2", hoursSinceSuccess: "1.5")
        ])

    @Test("self-contained: no script, no external link, font or image; values escaped; SVG charts inline")
    func selfContained() throws {
        let page = try Self.report.html()
        for forbidden in ["<script", "<link", "@import", "url(", "src=", "http://www.w3.org/1999/xlink", "https://"] {
            #expect(!page.contains(forbidden), "\(forbidden)")
        }
        #expect(page.contains("Fabrikam &lt;Pilot&gt; &amp; Co"))
        #expect(page.components(separatedBy: "<svg").count - 1 == 3)
        for figure in ["1,234,567.50", "69.2 %", "株式会社サンプル KK", "2025-07-01 00:00:00+00", "Dynamics on Azure"] {
            #expect(page.contains(figure), "\(figure)")
        }
    }

    @Test("text: every section with its figures")
    func text() {
        let text = Self.report.text()
        for figure in ["Waiting for an answer", "under 24 h", "Funnel", "69.2 %", "1,234,567.50", "incremental"] {
            #expect(text.contains(figure), "\(figure)")
        }
    }
}
