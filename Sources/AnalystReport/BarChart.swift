/// The geometry of a horizontal bar chart drawn as inline SVG by the report template: one bar per row, the
/// label left of it and the figure right of it. Computed here so the template only places shapes.
struct BarChart: Sendable {
    struct Bar: Sendable {
        var label: String
        var figure: String
        var y: Int
        var textY: Int
        var width: Int
        var figureX: Int
    }

    static let labelWidth = 230
    static let barArea = 330
    static let rowHeight = 24

    // Stored, not computed: the template reads properties through Mirror, which sees stored ones only.
    var title: String
    var bars: [Bar]
    var width = Self.labelWidth + Self.barArea + 130
    var height: Int
    var labelX = Self.labelWidth - 8
    var barX = Self.labelWidth
    var isEmpty: Bool

    /// Bars for `rows` (label, value, figure shown), scaled so the largest value fills the bar area.
    init(title: String, rows: [(label: String, value: Double, figure: String)]) {
        self.title = title
        let largest = rows.map(\.value).max() ?? 0
        bars = rows.enumerated().map { index, row in
            let width =
                largest > 0
                ? max(row.value > 0 ? 1 : 0, Int((row.value / largest * Double(Self.barArea)).rounded())) : 0
            let y = 4 + index * Self.rowHeight
            return Bar(
                label: Self.shortened(row.label), figure: row.figure, y: y, textY: y + 15, width: width,
                figureX: Self.labelWidth + width + 6)
        }
        height = max(1, bars.count) * Self.rowHeight + 8
        isEmpty = bars.isEmpty
    }

    /// At most 34 characters, with an ellipsis when cut.
    static func shortened(_ label: String) -> String {
        label.count <= 34 ? label : String(label.prefix(33)) + "…"
    }
}
