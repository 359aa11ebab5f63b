/// Parsing of the `Retry-After` header (RFC 9110 §10.2.3): delta-seconds or an HTTP-date.
public enum RetryAfter {
    /// Seconds to wait, or nil when the header is neither form. A date in the past gives 0.
    /// - Parameter now: the current time, for the HTTP-date form.
    public static func seconds(from header: String, now: Timestamp) -> Double? {
        let text = header.trimmed
        guard !text.isEmpty else { return nil }
        if text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) {
            guard text.utf8.count <= 9, let seconds = Int(text) else { return nil }
            return Double(seconds)
        }
        guard let date = httpDate(text) else { return nil }
        let ticks = date.ticks - now.ticks
        return ticks <= 0 ? 0 : Double(ticks) / Double(Timestamp.ticksPerSecond)
    }

    /// Parses IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`) and the obsolete RFC 850 form
    /// (`Sunday, 06-Nov-94 08:49:37 GMT`).
    static func httpDate(_ text: String) -> Timestamp? {
        let fields = text.split(separator: " ")
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        var day: Substring
        var monthName: Substring
        var year: Substring
        let time: Substring
        if fields.count == 6, fields[0].hasSuffix(","), fields[5] == "GMT" {
            (day, monthName, year, time) = (fields[1], fields[2], fields[3], fields[4])
        } else if fields.count == 4, fields[0].hasSuffix(","), fields[3] == "GMT" {
            let parts = fields[1].split(separator: "-")
            guard parts.count == 3, let yy = Int(parts[2]), parts[2].count == 2 else { return nil }
            (day, monthName, time) = (parts[0], parts[1], fields[2])
            year = Substring(String(yy < 70 ? 2000 + yy : 1900 + yy))
        } else {
            return nil
        }
        guard let monthIndex = months.firstIndex(of: String(monthName)), day.count == 2, year.count == 4,
            time.count == 8
        else { return nil }
        let month = monthIndex + 1
        day = day.count == 1 ? "0" + day : day
        return Timestamp(parsing: "\(year)-\(month < 10 ? "0" : "")\(month)-\(day)T\(time)Z")
    }
}
