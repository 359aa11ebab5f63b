/// Durations as people type them for `--max-age`: `90` or `90s`, `15m`, `36h`, `2d`, and sums like `1h30m`.
public enum DurationText {
    /// Seconds, or nil when `text` is not such a duration (or is zero).
    public static func seconds(_ text: String) -> Double? {
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86_400, "w": 604_800]
        var total = 0.0
        var digits = ""
        for character in text.lowercased() {
            if character.isASCII, character.isNumber || character == "." {
                digits.append(character)
            } else if let unit = units[character], let value = Double(digits) {
                total += value * unit
                digits = ""
            } else {
                return nil
            }
        }
        if !digits.isEmpty {
            guard let value = Double(digits) else { return nil }
            total += value
        }
        return total > 0 ? total : nil
    }
}
