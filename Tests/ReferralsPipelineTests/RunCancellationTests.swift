import Foundation
import Testing

@testable import ReferralsPipeline

@Suite("run cancellation")
struct RunCancellationTests {
    final class Box: @unchecked Sendable {
        var value = 0
    }

    @Test("one handler slot: a replaced handler (and the batch its task holds) is released, the latest runs once")
    func replacedHandlerIsReleased() {
        let cancellation = RunCancellation()
        weak var released: Box?
        let ran = Box()
        do {
            let first = Box()
            released = first
            cancellation.onCancel { first.value += 1 }
        }
        #expect(released != nil)
        cancellation.onCancel { ran.value += 1 }
        #expect(released == nil, "the replaced handler is still retained")
        cancellation.cancel()
        cancellation.cancel()
        #expect(ran.value == 1)
        #expect(cancellation.isCancelled)
        // Registered after cancellation: runs at once.
        cancellation.onCancel { ran.value += 10 }
        #expect(ran.value == 11)
    }
}
