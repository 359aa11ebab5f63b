import PartnerCenter

/// What the delivered pages of a sliced read cover, and so where a resumed read may start: the lowest
/// `createdDateTime` below which every window has delivered everything. Pure and unit-tested.
///
/// Windows are walked from the read's start: a finished window hands on to the window starting at its final upper
/// bound; the first window still running stops the walk at its position (its chain reads in ascending order). A
/// window not yet heard of stops it at its lower bound. See docs/pipeline.md#slices.
struct SliceProgress {
    private struct Entry {
        var window: SliceWindow
        var position: Timestamp?
        var positionID = ""
        var finished = false
    }

    /// The read's lower bound.
    let start: Timestamp
    private var entries: [Int: Entry] = [:]

    init(start: Timestamp, windows: [SliceWindow]) {
        self.start = start
        for window in windows { opened(window) }
    }

    /// A window cut from a running one.
    mutating func opened(_ window: SliceWindow) { entries[window.id] = Entry(window: window) }

    /// A page of window `id` was handed to the batch writer.
    mutating func delivered(_ page: ReferralPage, window id: Int) {
        for sighting in page.sightings {
            guard let created = sighting.created.flatMap(Timestamp.init(parsing:)) else { continue }
            if entries[id]?.position.map({ created >= $0 }) ?? true {
                entries[id]?.position = created
                entries[id]?.positionID = sighting.id
            }
        }
    }

    /// Window `id`'s chain finished, its window ending at `upper` (nil: open-ended, the last one).
    mutating func finished(window id: Int, upper: Timestamp?) {
        entries[id]?.finished = true
        entries[id]?.window.upper = upper
    }

    /// Where a read resuming after what was delivered may start (with `ge`), and the referral there.
    var resumePoint: (createdAt: Timestamp, referralID: String) {
        var cursor = start
        var byLower: [Timestamp: Entry] = [:]
        for entry in entries.values { byLower[entry.window.lower] = entry }
        while let entry = byLower[cursor] {
            guard entry.finished, let upper = entry.window.upper else {
                guard let position = entry.position, position >= cursor else { return (cursor, "") }
                return (position, entry.positionID)
            }
            cursor = upper
        }
        return (cursor, "")
    }
}
