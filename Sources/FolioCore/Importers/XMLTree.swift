import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// One element of a parsed XML document, small enough to walk with plain Swift.
/// Names are kept as written (`arxiv:primary_category`): the feeds Folio reads use fixed prefixes.
struct XMLTreeElement: Sendable, Equatable {
    var name: String
    var attributes: [String: String]
    var children: [XMLTreeElement]
    /// Character data directly inside this element (not inside its children), undecorated.
    var text: String

    init(name: String, attributes: [String: String] = [:], children: [XMLTreeElement] = [], text: String = "") {
        self.name = name
        self.attributes = attributes
        self.children = children
        self.text = text
    }

    func child(_ name: String) -> XMLTreeElement? {
        children.first { $0.name == name }
    }

    func children(_ name: String) -> [XMLTreeElement] {
        children.filter { $0.name == name }
    }

    /// The first child's text as written, for paper text that the import cleans after putting mojibake
    /// right (which cleaning first would defeat); nil when the child is missing or blank.
    func text(of childName: String) -> String? {
        cleanText(of: childName).flatMap { _ in child(childName)?.text }
    }

    /// The first child's text passed through `TextNormalizer.clean`; nil when the child is missing or blank.
    func cleanText(of childName: String) -> String? {
        guard let child = child(childName) else { return nil }
        let cleaned = TextNormalizer.clean(child.text)
        return cleaned.isEmpty ? nil : cleaned
    }
}

/// Parses a whole document into an `XMLTreeElement` tree with Foundation's `XMLParser`.
enum XMLTree {
    /// Parses `data` as UTF-8 XML and checks that the root element is `rootName`.
    /// `formatName` names what was expected in the wrong-root message ("arXiv Atom feed").
    static func parseDocument(_ data: Data, rootName: String, formatName: String) throws -> XMLTreeElement {
        try rejectEntityDeclarations(in: data)
        // FoundationXML traps (the process dies) on some names that are not UTF-8, so such bytes never reach it.
        // Found by `scripts/fuzz`; the inputs are in Tests/Fixtures/fuzz-crashes.
        _ = try TextInput.decodeUTF8(data, format: formatName)
        try rejectEmptyProcessingInstructions(in: data)
        let root = try parse(data)
        guard root.name == rootName else {
            throw ImportError(.whole, "not an \(formatName): the root element is <\(root.name)>, expected <\(rootName)>")
        }
        return root
    }

    /// Parses `data` and returns its root element. Throws `ImportError` for malformed XML.
    static func parse(_ data: Data) throws -> XMLTreeElement {
        let parser = XMLParser(data: data)
        // Never fetch or read anything a document points at (XXE).
        parser.shouldResolveExternalEntities = false
        parser.shouldProcessNamespaces = false
        parser.shouldReportNamespacePrefixes = false
        let builder = TreeBuilder()
        parser.delegate = builder
        let succeeded = parser.parse()

        if let failure = builder.failure {
            throw ImportError(.lineColumn(failure.line, failure.column), "invalid XML: \(failure.reason)")
        }
        if !succeeded {
            let reason = parser.parserError.map(describe) ?? "the parser stopped"
            throw ImportError(.lineColumn(parser.lineNumber, parser.columnNumber), "invalid XML: \(reason)")
        }
        guard let root = builder.root else {
            throw ImportError(.whole, "invalid XML: the document has no root element")
        }
        return root
    }

    /// arXiv never sends DTDs. Measured with libxml2 2.9 under FoundationXML: nested "billion laughs"
    /// entities stop at its loop check, but one 200 KB entity used 20,000 times keeps the parser busy
    /// for seconds, and internal entities are dropped from the text anyway. So any document that
    /// declares entities is refused before parsing.
    private static func rejectEntityDeclarations(in data: Data) throws {
        if data.range(of: Data("<!ENTITY".utf8)) != nil {
            throw ImportError(.whole, "XML entity declarations are not accepted")
        }
    }

    /// FoundationXML dereferences a null pointer (the process dies) on a processing instruction with
    /// no content, such as `<?x?>`; found by `scripts/fuzz`. arXiv sends none, so such documents are refused.
    private static func rejectEmptyProcessingInstructions(in data: Data) throws {
        let bytes = [UInt8](data)
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        var i = 0
        while i + 1 < bytes.count {
            defer { i += 1 }
            guard bytes[i] == UInt8(ascii: "<"), bytes[i + 1] == UInt8(ascii: "?") else { continue }
            var j = i + 2
            while j < bytes.count, !isSpace(bytes[j]), bytes[j] != UInt8(ascii: "?") { j += 1 }
            while j < bytes.count, isSpace(bytes[j]) { j += 1 }
            if j + 1 < bytes.count, bytes[j] == UInt8(ascii: "?"), bytes[j + 1] == UInt8(ascii: ">") {
                throw ImportError(.whole, "XML processing instructions without content are not accepted")
            }
        }
    }

    /// The parser's own words when it has them, else a phrase for its libxml2 error code.
    /// (FoundationXML on Linux gives no description, and its `XMLParser.ErrorCode` names do not
    /// line up with the libxml2 codes it actually reports, so the common codes are named here.)
    fileprivate static func describe(_ error: Error) -> String {
        let nsError = error as NSError
        if let text = nsError.userInfo[NSLocalizedDescriptionKey] as? String, !text.isEmpty {
            return TextNormalizer.clean(text)
        }
        let phrase = libxml2Phrases[nsError.code] ?? "parser error"
        return "\(phrase) (libxml2 code \(nsError.code))"
    }

    private static let libxml2Phrases: [Int: String] = [
        4: "the document is empty",
        5: "the document ends too early",
        9: "invalid character",
        23: "entity reference without a semicolon",
        26: "undeclared entity",
        38: "'<' inside an attribute value",
        39: "attribute value not started",
        40: "attribute value not finished",
        41: "attribute without a value",
        42: "attribute given twice",
        44: "quoted text not finished",
        45: "comment not finished",
        63: "CDATA section not finished",
        68: "name expected",
        73: "'>' expected",
        76: "closing tag does not match the opening tag",
        77: "element not closed",
        85: "elements not properly nested",
        86: "content after the root element",
        89: "entity reference loop",
    ]
}

/// XMLParser delegate that stacks open elements and attaches each to its parent when it closes.
private final class TreeBuilder: NSObject, XMLParserDelegate {
    struct Failure {
        var line: Int
        var column: Int
        var reason: String
    }

    private var openElements: [XMLTreeElement] = []
    private(set) var root: XMLTreeElement?
    /// The first error the parser reported, with the position it reported it at.
    private(set) var failure: Failure?

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
        qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
    ) {
        openElements.append(XMLTreeElement(name: elementName, attributes: attributeDict))
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        guard let finished = openElements.popLast() else { return }
        if openElements.isEmpty {
            root = finished
        } else {
            openElements[openElements.count - 1].children.append(finished)
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard !openElements.isEmpty else { return }
        openElements[openElements.count - 1].text += string
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        guard !openElements.isEmpty else { return }
        // The API sends no charset; its bytes are UTF-8.
        openElements[openElements.count - 1].text += String(decoding: CDATABlock, as: UTF8.self)
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
        guard failure == nil else { return }
        failure = Failure(line: parser.lineNumber, column: parser.columnNumber, reason: XMLTree.describe(parseError))
    }
}
