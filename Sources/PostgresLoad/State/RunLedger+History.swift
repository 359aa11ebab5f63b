/// Questions about past runs, for monitoring (`status`, the metrics file).
extension RunLedger {
    /// SQL condition on `etl_runs`: the run read the API (not a `renormalize`, which rewrites stored data).
    public static let readsAPI = "mode IS DISTINCT FROM 'renormalize'"

    /// When the pipeline's newest successful run finished, as Unix seconds; nil when none has.
    public func lastSuccess(pipeline: String, on db: LibPQConnection) throws -> Double? {
        try db.execute(
            """
            SELECT extract(epoch FROM max(finished_at))::float8 FROM \(schema.table("etl_runs"))
            WHERE pipeline = $1 AND status = 'succeeded' AND \(Self.readsAPI)
            """, [pipeline]
        ).scalar.flatMap(Double.init)
    }
}
