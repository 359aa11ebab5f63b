/// Metadata keys used in log lines across the stages, so logs can be searched by the same names.
public enum LogKey {
    public static let runID = "run.id"
    public static let pipelineName = "pipeline.name"
    public static let correlationID = "correlation.id"
    public static let pageNumber = "page.number"
    public static let pageItems = "page.items"
    public static let httpStatus = "http.status"
    public static let httpURL = "http.url"
    public static let requestID = "http.request_id"
    public static let attempt = "retry.attempt"
    public static let delay = "retry.delay_s"
    public static let dbTable = "db.table"
    public static let batchRows = "batch.rows"
    public static let migration = "db.migration"
    public static let errorCode = "error.code"
    public static let errorMessage = "error.message"
    public static let watermark = "watermark"
}
