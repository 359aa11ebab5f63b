/// A validated decimal number kept as text, so no binary floating point ever rounds a deal value.
///
/// Accepts an optional sign, digits with an optional fraction (`10000`, `10000.50`, `.5`), and an optional
/// exponent (`-1.5e3`), with surrounding whitespace trimmed. Rejects anything else (`abc`, `NaN`, `Infinity`,
/// `1,000`, `0x10`, `1_000`) and values beyond what PostgreSQL `numeric` stores. See docs/transform.md#validation.
public struct DecimalText: Sendable, Hashable, CustomStringConvertible {
    /// Most digits before the decimal point that PostgreSQL `numeric` stores.
    static let maximumIntegerDigits = 131_072
    /// Most digits after the decimal point that PostgreSQL `numeric` stores.
    static let maximumScale = 16_383
    /// PostgreSQL refuses exponents from INT_MAX / 2 on, even on zero (`0e999999` is 0; `0e2000000000` is refused).
    static let maximumExponent = 1_073_741_823

    /// The trimmed text, valid input for PostgreSQL `numeric`.
    public let text: String

    /// Why a text is not a storable decimal.
    enum Failure: Error, Equatable {
        /// Not a plain decimal (blank included).
        case syntax
        /// A decimal, but too large or too precise for PostgreSQL `numeric`.
        case outOfRange
    }

    /// The decimal in `text`, or nil when it is not a plain decimal PostgreSQL can store (blank included).
    public init?(parsing text: String) {
        guard case .success(let value) = Self.parse(text) else { return nil }
        self = value
    }

    private init(validated text: String) { self.text = text }

    /// The decimal in `text`, or why there is none.
    static func parse(_ text: String) -> Result<DecimalText, Failure> {
        let trimmed = StoredText.trimmed(text)
        let bytes = Array(trimmed.utf8)
        var index = 0
        func digits() -> (count: Int, significant: Int) {
            var count = 0
            var significant = 0
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                if significant > 0 || bytes[index] != 0x30 { significant += 1 }
                count += 1
                index += 1
            }
            return (count, significant)
        }
        if index < bytes.count, bytes[index] == 0x2b || bytes[index] == 0x2d { index += 1 }
        let integer = digits()
        var fraction = (count: 0, significant: 0)
        if index < bytes.count, bytes[index] == 0x2e {
            index += 1
            fraction = digits()
        }
        guard integer.count + fraction.count > 0 else { return .failure(.syntax) }
        var exponent = 0
        if index < bytes.count, bytes[index] == 0x65 || bytes[index] == 0x45 {
            index += 1
            var negative = false
            if index < bytes.count, bytes[index] == 0x2b || bytes[index] == 0x2d {
                negative = bytes[index] == 0x2d
                index += 1
            }
            let start = index
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                // Saturate: anything this large is out of range anyway.
                exponent = min(exponent * 10 + Int(bytes[index] - 0x30), 2 * Self.maximumExponent)
                index += 1
            }
            guard index > start else { return .failure(.syntax) }
            if negative { exponent = -exponent }
        }
        guard index == bytes.count else { return .failure(.syntax) }
        // The value is (significant digits) × 10^(exponent − fraction digits): count the digits it has before
        // the point and the scale (digits after it) that PostgreSQL would keep.
        let significant = integer.significant > 0 ? integer.significant + fraction.count : fraction.significant
        let integerDigits = significant + exponent - fraction.count
        let scale = max(0, fraction.count - exponent)
        guard abs(exponent) < Self.maximumExponent,
            significant == 0 || integerDigits <= Self.maximumIntegerDigits, scale <= Self.maximumScale
        else { return .failure(.outOfRange) }
        return .success(DecimalText(validated: trimmed))
    }

    /// The text.
    public var description: String { text }
}
