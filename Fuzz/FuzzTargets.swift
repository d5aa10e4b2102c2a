import Foundation

/// libFuzzer's entry point, compiled with FolioCore's sources by `scripts/fuzz`. One binary holds every
/// target; `FOLIO_FUZZ_TARGET` picks the one that gets the inputs.
enum FuzzTarget: String, CaseIterable {
    case query, detect, hfPage = "hf-page", hfJSON = "hf-json", arxivAtom = "arxiv-atom", arxivRSS = "arxiv-rss"
    case arxivJSONL = "arxiv-jsonl", bibtex

    static let selected: FuzzTarget = {
        let name = ProcessInfo.processInfo.environment["FOLIO_FUZZ_TARGET"] ?? ""
        guard let target = FuzzTarget(rawValue: name) else {
            fatalError("FOLIO_FUZZ_TARGET must be one of: \(allCases.map(\.rawValue).joined(separator: " "))")
        }
        return target
    }()

    /// Runs one input. Errors are the expected answer to bad input; only a crash or a hang is a finding.
    func run(_ data: Data) {
        // A fixed day, so the Daily Papers page's year does not depend on when the fuzzer runs.
        let context = ImportContext(year: nil, today: Date(timeIntervalSince1970: 1_780_000_000))
        switch self {
        case .query:
            let text = String(decoding: data, as: UTF8.self)
            if let query = try? QueryParser.parse(text) { _ = query.description + "\(query.highlightTerms)" }
            _ = try? QueryParser.parse(text, typing: true)
        case .detect:
            _ = try? FormatDetector.detect(data)
        case .arxivJSONL:
            _ = try? ArxivJSONLReader().read(LineReader(data: data)) { _ in }
        case .hfPage: _ = try? HFPageReader().read(data, context: context) { _ in }
        case .hfJSON: _ = try? HFJSONReader().read(data, context: context) { _ in }
        case .arxivAtom: _ = try? ArxivAtomReader().read(data, context: context) { _ in }
        case .arxivRSS: _ = try? ArxivRSSReader().read(data, context: context) { _ in }
        case .bibtex: _ = try? BibTeXReader().read(data, context: context) { _ in }
        }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ bytes: UnsafeRawPointer?, _ count: Int) -> CInt {
    FuzzTarget.selected.run(bytes.map { Data(bytes: $0, count: count) } ?? Data())
    return 0
}
