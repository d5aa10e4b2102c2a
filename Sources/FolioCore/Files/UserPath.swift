import Foundation

/// Paths as a shell user gives them: `~` and `~/…` mean `$HOME`, as the shell would have expanded them
/// (a quoted `'~/x'`, a config value); anything else is taken as written.
public enum UserPath {
    public static func expand(_ path: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        guard path == "~" || path.hasPrefix("~/") else { return path }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + path.dropFirst()
    }

    /// What is at `path` (a symbolic link followed), or nil when nothing is.
    public enum Kind: Equatable {
        case file, directory, other(String)

        public var name: String {
            switch self {
            case .file: "file"
            case .directory: "directory"
            case .other(let name): name
            }
        }
    }

    public static func kind(_ path: String) -> Kind? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        case S_IFIFO: return .other("named pipe")
        case S_IFCHR, S_IFBLK: return .other("device")
        case S_IFSOCK: return .other("socket")
        default: return .other("special file")
        }
    }

    /// The size in bytes of the regular file at `path`; nil for anything else.
    static func size(_ path: String) -> Int? {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return Int(info.st_size)
    }
}
