/// A small, fast, seeded pseudo-random generator (SplitMix64, Steele et al. 2014).
///
/// Everything random in the simulator (data, mutations, tokens, fault decisions) draws from one of these,
/// so a seed and a call sequence always give the same bytes. `SystemRandomNumberGenerator` is never used.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator whose whole future is determined by `seed`.
    public init(seed: UInt64) { self.state = seed }

    /// A generator for the `stream`-th independent sequence of `seed` (e.g. one per referral index).
    public init(seed: UInt64, stream: UInt64) {
        var mixer = SplitMix64(seed: seed ^ (stream &* 0xD1B5_4A32_D192_ED03))
        self.state = mixer.next() ^ stream
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `range`.
    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }

    /// A uniform integer in `range`.
    mutating func int(_ range: Range<Int>) -> Int { Int.random(in: range, using: &self) }

    /// True with probability `p` (0...1).
    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &self) < p }

    /// One element of a non-empty array.
    mutating func pick<T>(_ items: [T]) -> T { items[int(0..<items.count)] }

    /// A lowercase GUID (version 4 layout), e.g. `61c65491-2f2c-461a-84b4-3654499bc1d9`.
    mutating func guid() -> String {
        let a = next(), b = next()
        let hex = String(a, radix: 16).leftPadded(16) + String(b, radix: 16).leftPadded(16)
        var chars = Array(hex)
        chars[12] = "4"
        chars[16] = Array("89ab")[Int(b >> 62)]
        let s = String(chars)
        let i = s.startIndex
        func part(_ from: Int, _ to: Int) -> Substring {
            s[s.index(i, offsetBy: from)..<s.index(i, offsetBy: to)]
        }
        return "\(part(0, 8))-\(part(8, 12))-\(part(12, 16))-\(part(16, 20))-\(part(20, 32))"
    }

    /// `count` lowercase hex digits.
    mutating func hex(_ count: Int) -> String {
        var out = ""
        while out.count < count { out += String(next(), radix: 16).leftPadded(16) }
        return String(out.prefix(count))
    }
}

extension String {
    func leftPadded(_ width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
