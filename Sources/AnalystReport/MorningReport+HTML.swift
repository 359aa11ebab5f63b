import Mustache

extension MorningReport {
    /// The report as one self-contained HTML page: inline styles and SVG charts, no script, font or link fetched.
    public func html() throws -> String {
        var library = MustacheLibrary()
        try library.register(ReportTemplate.chart, named: "chart")
        try library.register(ReportTemplate.page, named: "page")
        return library.render(HTMLPage(self), withTemplate: "page") ?? ""
    }
}

/// What the page template reads (through Mirror: stored properties only).
struct HTMLPage {
    struct Tile {
        var label: String
        var count: Int
        var style: String
    }

    var asOf: String
    var schema: String
    var slaTiles: [Tile]
    var hasDeadlines: Bool
    var nextDeadlines: [MorningReport.Deadline]
    var funnel: [MorningReport.FunnelMonth]
    var funnelChart: BarChart
    var winRate: [MorningReport.WinRate]
    var winChart: BarChart
    var winRateBySolution: [MorningReport.WinRate]
    var currency: String
    var dealValue: [MorningReport.SolutionValue]
    var valueChart: BarChart
    var runs: [MorningReport.Run]

    init(_ report: MorningReport) {
        asOf = report.asOf
        schema = report.schema
        slaTiles = report.slaBuckets.map { bucket in
            Tile(
                label: bucket.label, count: bucket.count,
                style: bucket.label == "expired" ? "expired" : bucket.label == "under 24 h" ? "urgent" : "")
        }
        hasDeadlines = !report.nextDeadlines.isEmpty
        nextDeadlines = report.nextDeadlines
        funnel = report.funnel
        funnelChart = BarChart(
            title: "Referrals created per month",
            rows: report.funnel.map { ($0.month, Double($0.created), "\($0.created) created, \($0.won) won") })
        winRate = report.winRate
        winChart = BarChart(
            title: "Win rate per quarter",
            rows: report.winRate.map { ($0.label, Double($0.percent) ?? 0, "\($0.percent) %") })
        winRateBySolution = report.winRateBySolution
        currency = report.currency
        dealValue = report.dealValue.map {
            var row = $0
            row.openValue = MorningReport.money($0.openValue)
            row.wonValue = MorningReport.money($0.wonValue)
            return row
        }
        valueChart = BarChart(
            title: "Open deal value by solution (\(report.currency))",
            rows: report.dealValue.map {
                ($0.solution, Double($0.openValue) ?? 0, "\(MorningReport.money($0.openValue)) \(report.currency)")
            })
        runs = report.runs
    }
}
