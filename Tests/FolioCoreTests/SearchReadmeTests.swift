import Foundation
import Testing

/// `Sources/FolioCore/Search/README.md` describes the index by its types and files: each one it names
/// must still exist, so the page cannot drift from the code unnoticed.
struct SearchReadmeTests {
    static let sources = Fixtures.root.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources")

    /// Swift's own, which the page names for the formats' field widths.
    static let standardTypes: Set = ["UInt8", "UInt32", "UInt64", "Int64", "String", "Data"]

    @Test func everyTypeAndFileTheReadmeNamesExists() throws {
        let readme = try String(contentsOf: Self.sources.appendingPathComponent("FolioCore/Search/README.md"), encoding: .utf8)
        var code = "", files: Set<String> = []
        for case let url as URL in FileManager.default.enumerator(at: Self.sources, includingPropertiesForKeys: nil)! {
            files.insert(url.lastPathComponent)
            if ["swift", "h"].contains(url.pathExtension) { code += try String(contentsOf: url, encoding: .utf8) }
        }
        // `Name`, `Name.member` and `File.swift` between backticks; SQL, keys and shell commands are not checked.
        let named = readme.split(separator: "`").enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
        var checked = 0
        for name in named {
            if name.hasSuffix(".swift") {
                #expect(files.contains(name), "\(name) is named in Search/README.md but no such file exists")
                checked += 1
            } else if let first = name.first, first.isUppercase, name.contains(where: \.isLowercase), !name.hasSuffix(".md"),
                      name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." }), !Self.standardTypes.contains(name) {
                let type = String(name.prefix { $0 != "." })
                let declared = ["struct", "class", "enum", "protocol", "extension", "typealias", "module"].contains {
                    code.contains("\($0) \(type)") || code.contains("\($0) \(type)<")
                }
                #expect(declared || files.contains(type), "\(type) is named in Search/README.md but not declared in Sources")
                checked += 1
            }
        }
        #expect(checked > 30)
    }
}
