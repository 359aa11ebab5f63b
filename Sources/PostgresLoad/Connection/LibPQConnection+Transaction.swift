import ETLCore

extension LibPQConnection {
    /// Runs `body` between BEGIN and COMMIT; rolls back and rethrows when it throws. A lock timeout is
    /// rethrown naming the lock's holder when one is visible (read after the rollback).
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN")
        do {
            let value = try body()
            _ = try execute("COMMIT", [], stage: .commit)
            return value
        } catch let error as LoadError where error.sqlState == "55P03" {
            _ = try? execute("ROLLBACK")
            throw error.namingLockHolder(LockHolder.describe { try execute($0) })
        } catch {
            _ = try? execute("ROLLBACK")
            throw error
        }
    }
}
