import ETLCore
import PartnerCenter
import Testing

/// Server-supplied text loses every secret the process holds, and bearer- and JWT-shaped substrings.
@Suite struct RedactorTests {
    @Test("a registered secret, a bearer token and a JWT are masked; ordinary text is kept")
    func masks() {
        let secret = Secret("client-secret-4f1e9")
        let text =
            "bad client \(secret.revealed); Authorization: Bearer abcdef0123456789xyz; "
            + "token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.sig_nature-1 rejected for tenant contoso"
        let clean = Redactor.scrub(text)
        #expect(!clean.contains("client-secret-4f1e9"))
        #expect(!clean.contains("abcdef0123456789xyz"))
        #expect(!clean.contains("eyJhbGciOiJIUzI1NiJ9"))
        #expect(clean.contains("Bearer <redacted>"))
        #expect(clean.contains("rejected for tenant contoso"))
    }

    @Test("errors of the extract stage are scrubbed when made, message and context")
    func partnerCenterErrorsAreScrubbed() {
        let token = Secret("access-token-77aa31")
        let error = PartnerCenterError(
            .requestRejected, "the API said: token \(token.revealed) is bad",
            context: ["api.message": "echo \(token.revealed)"])
        #expect(!error.description.contains("access-token-77aa31"))
        #expect(error.description.contains("<redacted>"))
    }

    @Test("secrets shorter than 4 characters are not registered (they would garble words)")
    func shortSecretsIgnored() {
        _ = Secret("ab")
        #expect(Redactor.scrub("abc about") == "abc about")
    }
}
