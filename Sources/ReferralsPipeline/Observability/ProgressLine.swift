import Foundation

/// The live progress display's one line of text, e.g.
/// `pages 12 | referrals 1150/2500 46% | 230/s | batches 1 | retries 0 | ETA 6s`. Pure, so it is unit-tested.
public enum ProgressLine {
    /// The line for `snapshot`, cut to `width` columns when given.
    public static func render(_ snapshot: RunProgress.Snapshot, width: Int? = nil) -> String {
        var parts = ["pages \(snapshot.pages)"]
        if let expected = snapshot.expected {
            let percent = expected > 0 ? min(100, snapshot.referrals * 100 / expected) : 100
            parts.append("referrals \(snapshot.referrals)/\(expected) \(percent)%")
        } else {
            parts.append("referrals \(snapshot.referrals)")
        }
        parts.append("\(Int(snapshot.rate.rounded()))/s")
        parts.append("batches \(snapshot.batches)")
        parts.append(
            snapshot.retries == 0
                ? "retries 0" : "retries \(snapshot.retries) (\(duration(snapshot.retryWaitSeconds)) waited)")
        if let waiting = snapshot.retryWaitingSeconds { parts.append("waiting to retry \(duration(waiting))") }
        if let remaining = snapshot.remainingSeconds { parts.append("ETA \(duration(remaining))") }
        parts.append(duration(snapshot.elapsedSeconds) + " elapsed")
        let line = parts.joined(separator: " | ")
        guard let width, width > 1, line.count > width - 1 else { return line }
        return String(line.prefix(width - 1))
    }

    /// `42s`, `3m05s`, `1h02m`.
    public static func duration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        if total < 60 { return "\(total)s" }
        if total < 3600 { return "\(total / 60)m" + String(format: "%02ds", total % 60) }
        return "\(total / 3600)h" + String(format: "%02dm", total % 3600 / 60)
    }
}
