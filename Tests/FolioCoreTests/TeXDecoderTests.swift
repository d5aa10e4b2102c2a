import Testing
@testable import FolioCore

struct TeXDecoderTests {
    @Test(arguments: [
        (#"Caf\'e"#, "Café"), (#"Caf\'{e}"#, "Café"), (#"Caf{\'e}"#, "Café"),
        (#"B\"ack"#, "Bäck"), (#"\`a \^o \~n \=a \.z"#, "à ô ñ ā ż"),
        (#"\u{g} \v{s} \H{o} \c{c} \c c \k{a}"#, "ğ š ő ç ç ą"),
        (#"{\L}ukasz \l{}ód\'z"#, "Łukasz łódź"), (#"\o\O"#, "øØ"), (#"Stra\ss e"#, "Straße"),
        (#"\ae\AE\oe\aa\AA"#, "æÆœåÅ"), (#"\'{\i}\"\i"#, "íï"), (#"\i"#, "ı"),
    ])
    func accentsAndLetters(tex: String, text: String) {
        #expect(TeXDecoder.decode(tex) == text)
    }

    @Test func accentedLettersAreComposed() {
        let decoded = TeXDecoder.decode(#"\'e"#)
        #expect(decoded.unicodeScalars.map { $0.value } == [0xE9])
    }

    @Test func escapedSymbolsDashesAndTies() {
        #expect(TeXDecoder.decode(##"R\&D 15\% a\_b \$5 \#1"##) == "R&D 15% a_b $5 #1")
        #expect(TeXDecoder.decode("pages 1--23 --- done - ok") == "pages 1–23 — done - ok")
        #expect(TeXDecoder.decode("Fig.~3") == "Fig. 3")
    }

    @Test func groupingBracesAndCommandsAreDropped() {
        #expect(TeXDecoder.decode("{BERT}: {P}re-training") == "BERT: Pre-training")
        #expect(TeXDecoder.decode(#"\emph{very} \textbf{bold}"#) == "very bold")
        #expect(TeXDecoder.decode(#"see \url{https://x.org/a_b~c%20}"#) == "see https://x.org/a_b~c%20")
    }

    @Test func mathIsKeptAsWritten() {
        #expect(TeXDecoder.decode(#"factors of ${\approx}$2--5"#) == #"factors of ${\approx}$2–5"#)
        #expect(TeXDecoder.decode(#"$\'e_{1}--x$ and \'e"#) == #"$\'e_{1}--x$ and é"#)
        #expect(TeXDecoder.decode(#"$$a \$ b$$ c"#) == #"$$a \$ b$$ c"#)
    }
}
