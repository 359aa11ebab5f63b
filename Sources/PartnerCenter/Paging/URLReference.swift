/// RFC 3986 reference resolution (section 5.2) on the path-and-query part of URLs, without decoding or
/// re-encoding anything: what a relative `@odata.nextLink` means.
enum URLReference {
    /// True when `reference` starts with `scheme:` (an absolute URI).
    static func hasScheme(_ reference: String) -> Bool {
        guard let first = reference.unicodeScalars.first, first.isASCIILetter else { return false }
        for scalar in reference.unicodeScalars {
            if scalar == ":" { return true }
            guard scalar.isASCIILetter || ("0"..."9").contains(scalar) || "+-.".unicodeScalars.contains(scalar)
            else { return false }
        }
        return false
    }

    /// The path and query that the relative reference `reference` (no scheme, no authority, no fragment) names,
    /// found on the resource at `base` (its path and query).
    static func resolve(_ reference: String, against base: String) -> String {
        let basePath = String(base.prefix { $0 != "?" })
        if reference.isEmpty { return base }
        if reference.hasPrefix("?") { return basePath + reference }
        let (path, query) = split(reference)
        let merged: String
        if path.hasPrefix("/") {
            merged = path
        } else if let slash = basePath.lastIndex(of: "/") {
            merged = String(basePath[...slash]) + path
        } else {
            merged = "/" + path
        }
        return removingDotSegments(merged) + query
    }

    /// `pathAndQuery` with `.` and `..` segments of its path removed (RFC 3986, 5.2.4); the query untouched.
    static func removingDotSegments(_ pathAndQuery: String) -> String {
        let (path, query) = split(pathAndQuery)
        guard path.contains(".") else { return pathAndQuery }
        var output: [Substring] = []
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        for (index, segment) in segments.enumerated() {
            let last = index == segments.count - 1
            switch segment {
            case ".":
                if last { output.append("") }
            case "..":
                if !output.isEmpty { output.removeLast() }
                if last { output.append("") }
            default:
                output.append(segment)
            }
        }
        return "/" + output.joined(separator: "/") + query
    }

    /// `(path, "?query")` of a path-and-query (the query with its `?`, or empty).
    private static func split(_ pathAndQuery: String) -> (String, String) {
        guard let mark = pathAndQuery.firstIndex(of: "?") else { return (pathAndQuery, "") }
        return (String(pathAndQuery[..<mark]), String(pathAndQuery[mark...]))
    }
}

extension Unicode.Scalar {
    fileprivate var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
}
