import Testing
@testable import TerminalUI

@Suite struct BoxTests {
    @Test func drawsBorderAndTitle() {
        var canvas = Canvas(width: 12, height: 5)
        let titleStyle = Style(attributes: .bold)
        Box(title: "Papers", titleStyle: titleStyle).render(in: Rect(x: 1, y: 1, width: 10, height: 4), on: &canvas)
        #expect(canvas.lines() == [
            "            ",
            " ┌ Papers ┐ ",
            " │        │ ",
            " │        │ ",
            " └────────┘ ",
        ])
        #expect(canvas.style(atX: 3, y: 1) == titleStyle)
        #expect(canvas.style(atX: 1, y: 1) == .plain)
        #expect(Box.inner(Rect(x: 1, y: 1, width: 10, height: 4)) == Rect(x: 2, y: 2, width: 8, height: 2))
    }

    @Test func cutsTitleToFit() {
        var canvas = Canvas(width: 8, height: 2)
        Box(title: "Library of papers").render(in: canvas.bounds, on: &canvas)
        #expect(canvas.lines() == ["┌ Lib… ┐", "└──────┘"])
    }

    @Test func cutsWideTitleByDisplayWidth() {
        var canvas = Canvas(width: 9, height: 2)
        Box(title: "漢字漢字").render(in: canvas.bounds, on: &canvas)
        #expect(canvas.lines() == ["┌ 漢字… ┐", "└───────┘"])
    }

    @Test func drawsNothingInATinyArea() {
        var canvas = Canvas(width: 3, height: 3)
        Box(title: "x").render(in: Rect(x: 0, y: 0, width: 1, height: 3), on: &canvas)
        #expect(canvas.lines() == ["   ", "   ", "   "])
    }
}

@Suite struct ScrollWindowTests {
    @Test func keepsOffsetWhileSelectionIsVisible() {
        #expect(ScrollWindow.offset(selected: 9, count: 100, height: 10, currentOffset: 0) == 0)
        #expect(ScrollWindow.offset(selected: 20, count: 100, height: 10, currentOffset: 16) == 16)
    }

    @Test func movingDownPastTheBottomScrollsMinimally() {
        #expect(ScrollWindow.offset(selected: 10, count: 100, height: 10, currentOffset: 0) == 1)
        #expect(ScrollWindow.offset(selected: 25, count: 100, height: 10, currentOffset: 0) == 16)
    }

    @Test func movingUpPastTheTopScrollsMinimally() {
        #expect(ScrollWindow.offset(selected: 15, count: 100, height: 10, currentOffset: 16) == 15)
        #expect(ScrollWindow.offset(selected: 0, count: 100, height: 10, currentOffset: 16) == 0)
    }

    @Test func clampsToTheList() {
        #expect(ScrollWindow.offset(selected: 2, count: 5, height: 10, currentOffset: 3) == 0)
        #expect(ScrollWindow.offset(selected: 12, count: 14, height: 5, currentOffset: 30) == 9)
        #expect(ScrollWindow.offset(selected: 99, count: 20, height: 5, currentOffset: 0) == 15)
        #expect(ScrollWindow.offset(selected: 0, count: 0, height: 5, currentOffset: 4) == 0)
        #expect(ScrollWindow.offset(selected: 3, count: 10, height: 0, currentOffset: 4) == 0)
    }

    @Test func stepsKeepSelectionVisible() {
        var offset = 0
        for selected in Array(0..<50) + Array((0..<50).reversed()) {
            offset = ScrollWindow.offset(selected: selected, count: 50, height: 7, currentOffset: offset)
            #expect((offset..<offset + 7).contains(selected))
        }
        #expect(offset == 0)
    }
}

@Suite struct ListViewTests {
    @Test func showsWindowAndHighlightsSelection() {
        var canvas = Canvas(width: 7, height: 3)
        ListView(items: ["one", "two", "three", "four"], selected: 2, offset: 1)
            .render(in: Rect(x: 1, y: 0, width: 5, height: 3), on: &canvas)
        #expect(canvas.lines() == [" two   ", " three ", " four  "])
        #expect(canvas.style(atX: 1, y: 1) == Style(attributes: .reverse))
        #expect(canvas.style(atX: 5, y: 1) == Style(attributes: .reverse))
        #expect(canvas.style(atX: 1, y: 0) == .plain)
        #expect(canvas.style(atX: 6, y: 1) == .plain)
    }
}

@Suite struct StatusBarTests {
    @Test func rightTextIsRightAligned() {
        #expect(StatusBar.line(left: "abcdefghij", right: "right", width: 20) == "abcdefghij     right")
    }

    @Test func leftIsTruncatedFirst() {
        #expect(StatusBar.line(left: "abcdefghij", right: "right", width: 12) == "abcde… right")
        #expect(StatusBar.line(left: "漢字漢字", right: "17 of 54", width: 14) == "漢字… 17 of 54")
    }

    @Test func rightIsCutOnlyWhenItAloneIsTooWide() {
        #expect(StatusBar.line(left: "abc", right: "a very long right", width: 6) == "a ver…")
        #expect(StatusBar.line(left: "abc", right: "right", width: 6) == " right")
    }

    @Test func rendersOnTheFirstRowInItsStyle() {
        var canvas = Canvas(width: 11, height: 2)
        let style = Style(foreground: .ansi(15), background: .ansi(4))
        StatusBar(left: "3/17", right: "q quit", style: style).render(in: Rect(x: 0, y: 1, width: 11, height: 1), on: &canvas)
        #expect(canvas.lines() == ["           ", "3/17 q quit"])
        #expect(canvas.style(atX: 4, y: 1) == style)
    }
}
