import Foundation
import Logging
import ReferralsPipeline

extension StandardError {
    /// A message for whoever reads stderr, in the chosen log format: the text itself, or (`--log-format json`)
    /// a JSON line at `level` with `metadata`, so that every stderr line of a JSON run parses.
    static func message(_ text: String, level: Logger.Level = .error, metadata: Logger.Metadata = [:]) {
        switch LoggingBootstrap.format {
        case .text: write(text)
        case .json:
            write(
                LogLineHandler.json(
                    level: level, label: "referrals-etl", message: text, metadata: metadata, date: Date()))
        }
    }
}
