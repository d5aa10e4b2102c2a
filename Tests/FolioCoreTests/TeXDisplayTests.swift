import Testing
@testable import FolioCore

struct TeXDisplayTests {
    /// The cases of the bug report: text outside math is never lost.
    @Test(arguments: [
        (#"x^\mu (with \mu = 0, 1, 2, 3)"#, "x^μ (with μ = 0, 1, 2, 3)"),
        (#"\cal{O}(\alpha_{s}^2)$"#, "𝒪(α_{s}^2)$"),
        ("of ~25 Myr", "of ~25 Myr"), ("near ~500-600 km/s at B_0 ~ 30 T", "near ~500-600 km/s at B_0 ~ 30 T"),
        ("http://host/~user/", "http://host/~user/"),
        (#"$\Delta\alpha_n=0.8\pm 1.7$"#, "Δαₙ=0.8± 1.7"),
        (#"\Delta\alpha_n=0.8\pm 1.7$"#, "Δα_n=0.8± 1.7$"),
        (#"Algorithms \& 100\% {GPU}s"#, "Algorithms & 100% GPUs"),
        ("``quotes''", "“quotes”"),
        (#"\foo{x}"#, #"\foo{x}"#),
        (#"see \cite{x} and \textcolor{red}{y}"#, #"see \cite{x} and \textcolor{red}{y}"#),
    ])
    func bugReport(tex: String, text: String) {
        #expect(TeXDisplay.render(tex) == text)
    }

    @Test(arguments: [
        (#"Caf\'e"#, "Café"), (#"Caf\'{e}"#, "Café"), (#"Caf{\'e}"#, "Café"),
        (#"B\"ack"#, "Bäck"), (#"\`a \^o \~n \=a \.z"#, "à ô ñ ā ż"),
        (#"\u{g} \v{s} \H{o} \c{c} \c c \k{a} \r{a}"#, "ğ š ő ç ç ą å"),
        (#"{\L}ukasz \l{}ód\'z"#, "Łukasz łódź"), (#"\o\O"#, "øØ"), (#"Stra\ss e"#, "Straße"),
        (#"\ae\AE\oe\OE\aa\AA"#, "æÆœŒåÅ"), (#"\'{\i}\"\i"#, "íï"), (#"\i\j"#, "ıȷ"),
        (#"x\^{}2"#, "x^2"), (#"\'1"#, #"\'1"#),
    ])
    func accentsAndLetters(tex: String, text: String) {
        #expect(TeXDisplay.render(tex) == text)
    }

    @Test func accentedLettersAreComposed() {
        #expect(TeXDisplay.render(#"\'e"#).unicodeScalars.map(\.value) == [0xE9])
    }

    @Test(arguments: [
        (##"R\&D 15\% a\_b \$5 \#1 \{x\}"##, "R&D 15% a_b $5 #1 {x}"),
        (#"a\\b c\ d\,e\;f\:g"#, "a b c d e f g"), (#"hy\-phen it\/"#, "hyphen it"),
        (#"a\textendash b\textemdash c \ldots"#, "a–b—c …"),
        (#"\textbackslash{}x \textasciitilde{} \textasciicircum{} \textunderscore{}"#, "\\x ~ ^ _"),
        (#"\S 3 \P \copyright \TeX{} and \LaTeX"#, "§ 3 ¶ © TeX and LaTeX"),
        ("pages 1--23 --- done - ok", "pages 1–23 — done - ok"), ("it's a `quote'", "it's a `quote'"),
        ("Fig.~3", "Fig.\u{A0}3"), ("see https://x.org/a--b~c", "see https://x.org/a--b~c"),
    ])
    func symbolsDashesAndTies(tex: String, text: String) {
        #expect(TeXDisplay.render(tex) == text)
    }

    @Test(arguments: [
        (#"\emph{very} \textbf{bold} \textsc{Sc} \underline{u} \mbox{m} \textnormal{n}"#, "very bold Sc u m n"),
        (#"{\em very} {\bf bold} {\it it} {\small s} {\large l}"#, "very bold it s l"),
        ("{BERT}: {P}re-training", "BERT: Pre-training"), ("a } b { c", "a } b { c"),
        (#"see \url{https://x.org/a_b~c%20} now"#, "see https://x.org/a_b~c%20 now"),
        (#"\href{https://x.org}{the site}"#, "the site (https://x.org)"),
        (#"\foo[opt]{a}{b}"#, #"\foo[opt]{a}{b}"#), ("x^{10} y_{ab}", "x^{10} y_{ab}"),
    ])
    func formattingGroupsAndURLs(tex: String, text: String) {
        #expect(TeXDisplay.render(tex) == text)
    }

    @Test(arguments: [
        (#"$x^2$ $10^{-3}$ $x_{10}$"#, "x² 10⁻³ x₁₀"), (#"$x^{\mu\nu}$"#, "x^{μν}"), (#"$90^\circ$"#, "90°"),
        (#"$f'(x)$"#, "f'(x)"), (#"$\sum_{i=1}^{n}$"#, "∑ᵢ₌₁ⁿ"), (#"$T_{\rm eff}$"#, "T_{eff}"),
        (#"$\mathcal{O}(n)$ $\mathcal{L}$ $\cal O$"#, "𝒪(n) ℒ 𝒪"), (#"$\mathbb{R}^n$ $\mathbb{E}$"#, "ℝⁿ 𝔼"),
        (#"$\mathrm{d}x\, \text{if } \operatorname{Tr}$"#, "dx  if  Tr"),
        (#"$\sqrt{x}$ $\sqrt{x+1}$ $\sqrt[3]{x}$"#, "√x √(x+1) ∛x"),
        (#"$\frac{a}{b}$ $\frac{a+b}{c}$ $\frac12$"#, "a/b (a+b)/c 1/2"),
        (#"$\left( x \right)$ $\left\{ y \right.$ $\big|z\big|$"#, "( x ) { y  |z|"),
        (#"$a \le b \ne c \to \infty$ $\log x$"#, "a ≤ b ≠ c → ∞ log x"),
        (#"$\hat{x}$ $\not=$"#, "x̂ ≠"), (#"$\foo{x}$"#, #"\foo{x}"#),
        (#"\(x^2\) and \[y_1\]"#, "x² and y₁"), (#"$$a \$ b$$ c"#, "a $ b c"),
        (#"factors of ${\approx}$2--5"#, "factors of ≈2–5"), ("costs $5 and $10", "costs $5 and $10"),
    ])
    func math(tex: String, text: String) {
        #expect(TeXDisplay.render(tex) == text)
    }

    @Test func markupIsTheBytesThatChangeWords() {
        #expect(TeXDisplay.hasMarkup(#"Universit\"at"#) && TeXDisplay.hasMarkup("{GPU}s") && TeXDisplay.hasMarkup("costs $5"))
        #expect(!TeXDisplay.hasMarkup("Fig.~3 -- it's ``x''") && !TeXDisplay.hasMarkup("naïve café, a long plain title"))
    }

    /// Random strings of letters, spaces and TeX's specials: never a crash or a control character, and
    /// without markup or a ligature the text comes back as it is, by the fast path and by the scanner.
    @Test func randomTextIsNeverLost() {
        var random = SplitMix(seed: 2024)
        let characters = Array(#"abcXYZ   \{}$^_~-'"#)
        for _ in 0..<20_000 {
            let text = String((0..<Int(random.next() % 24)).map { _ in characters[Int(random.next() % UInt64(characters.count))] })
            let shown = TeXDisplay.render(text)
            #expect(!shown.unicodeScalars.contains { $0.value < 0x20 }, "\(text)")
            let plain = !text.contains { #"\{}$~"#.contains($0) } && !text.contains("--") && !text.contains("``") && !text.contains("''")
            if plain {
                #expect(shown == text)
                #expect(TeXDisplay.renderScanning(text) == text)
            }
            if !text.contains("\\") && !text.contains("$") {
                #expect(shown.filter(\.isLetter) == text.filter(\.isLetter), "\(text)")
            }
        }
    }

    @Test func deepNestingIsShownNotRecursedInto() {
        #expect(TeXDisplay.render(String(repeating: "{", count: 50_000) + "x" + String(repeating: "}", count: 50_000)) == "x")
        #expect(!TeXDisplay.render(String(repeating: #"\sqrt{"#, count: 10_000)).isEmpty)
        #expect(!TeXDisplay.render(String(repeating: #"\frac{"#, count: 5_000) + String(repeating: "}", count: 5_000)).isEmpty)
    }
}
