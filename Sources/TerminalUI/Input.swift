/// A key as the application sees it, whatever terminal sent it.
public enum Key: Hashable, Sendable {
    /// A printable character, space included.
    case char(Character)
    /// Ctrl with a letter, as the lowercase letter: Ctrl-D is `.ctrl("d")`.
    case ctrl(Character)
    case enter, escape, tab, backTab, backspace, delete
    case up, down, left, right, pageUp, pageDown, home, end
    case function(Int)
}

public enum MouseButton: Hashable, Sendable {
    case left, middle, right
}

public enum MouseEvent: Hashable, Sendable {
    case press(MouseButton, x: Int, y: Int)
    case wheelUp(x: Int, y: Int)
    case wheelDown(x: Int, y: Int)
}

/// Everything a terminal can tell the application.
public enum InputEvent: Hashable, Sendable {
    case key(Key)
    case mouse(MouseEvent)
    case resize(width: Int, height: Int)
}
