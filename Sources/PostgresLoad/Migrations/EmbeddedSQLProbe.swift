/// Read access to the embedded SQL, so a test can check it against `sql/`.
public enum EmbeddedSQLProbe {
    public static var all: [SQLFile] { EmbeddedSQL.migrations + EmbeddedSQL.views }
}
