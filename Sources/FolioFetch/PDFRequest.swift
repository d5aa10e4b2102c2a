import Foundation

/// One paper's PDF to download: from where, and under which file name in the PDF folder.
public struct PDFRequest: Sendable, Equatable {
    public var paperID: String
    public var url: String
    public var fileName: String

    public init(paperID: String, url: String) {
        self.paperID = paperID
        self.url = url
        fileName = PDFDownload.fileName(forPaper: paperID)
    }
}

/// What a running download says: a pause before its request, or the bytes received so far.
public enum PDFEvent: Sendable, Equatable {
    case waiting(TimeInterval)
    case received(Int, expected: Int64?)
}

/// Where downloaded PDFs go and which addresses are fetched: the pure half of `PDFDownload`, which the
/// reader's state uses (the event fuzz target builds it without the network code).
public enum PDFDownload {
    /// `$XDG_DATA_HOME/folio/pdf`, else `~/.local/share/folio/pdf` (a relative `XDG_DATA_HOME` is
    /// ignored, as the XDG specification says).
    public static func folder(environment: [String: String]) -> String {
        let dataHome: String
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            dataHome = xdg
        } else {
            dataHome = (environment["HOME"] ?? NSHomeDirectory()) + "/.local/share"
        }
        return dataHome + "/folio/pdf"
    }

    /// The paper's file name: its id with anything but ASCII letters, digits, `.`, `-` and `_` as `_`
    /// (`cs/0112017` → `cs_0112017.pdf`), never starting with a dot.
    public static func fileName(forPaper id: String) -> String {
        var safe = String(id.unicodeScalars.map { scalar -> Character in
            scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || "._-".unicodeScalars.contains(scalar)) ? Character(scalar) : "_"
        })
        if safe.isEmpty || safe.hasPrefix(".") { safe = "_" + safe }
        return safe + ".pdf"
    }

    /// Only web addresses are fetched or handed to a browser: a feed's link could be a `file:` path or
    /// look like a command-line option.
    public static func isWebAddress(_ address: String) -> Bool {
        guard let url = URL(string: address), let scheme = url.scheme?.lowercased(), url.host?.isEmpty == false else { return false }
        return scheme == "http" || scheme == "https"
    }
}
