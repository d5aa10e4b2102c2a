import Testing
@testable import TerminalUI

@Suite struct ColorMapperTests {
    private func pair(_ color: Color, _ colors: Int) -> Int16 {
        ColorMapper.pairColor(color, colors: colors)
    }

    @Test func defaultIsTheTerminalsOwnColorEverywhere() {
        for colors in [0, 8, 16, 256] {
            #expect(pair(.default, colors) == -1)
            #expect(!ColorMapper.isFoldedBright(.default, colors: colors))
        }
    }

    @Test func noColorsMeansDefaultForEveryColor() {
        #expect(pair(.ansi(1), 0) == -1)
        #expect(pair(.indexed(208), 0) == -1)
        #expect(pair(.rgb(255, 0, 0), 0) == -1)
        #expect(!ColorMapper.isFoldedBright(.ansi(9), colors: 0))
    }

    @Test func ansiColorsPassThroughWhenThePaletteHasThem() {
        #expect(pair(.ansi(1), 256) == 1)
        #expect(pair(.ansi(9), 256) == 9)
        #expect(pair(.ansi(15), 16) == 15)
        #expect(pair(.ansi(7), 8) == 7)
        #expect(!ColorMapper.isFoldedBright(.ansi(9), colors: 16))
    }

    @Test func brightAnsiFoldsOntoBaseColorsWithBoldBelowSixteen() {
        #expect(pair(.ansi(9), 8) == 1)
        #expect(ColorMapper.isFoldedBright(.ansi(9), colors: 8))
        #expect(pair(.ansi(15), 8) == 7)
        #expect(!ColorMapper.isFoldedBright(.ansi(1), colors: 8))
    }

    @Test func ansiBeyondSixteenIsTreatedAsAnIndexedColor() {
        #expect(pair(.ansi(200), 256) == 200)
        #expect(pair(.ansi(196), 16) == 9)
    }

    @Test func indexedColorsPassThroughAt256() {
        #expect(pair(.indexed(208), 256) == 208)
        #expect(pair(.indexed(0), 256) == 0)
        #expect(pair(.indexed(255), 256) == 255)
    }

    @Test func indexedColorsTakeTheNearestAnsiColorBelow256() {
        #expect(pair(.indexed(4), 16) == 4)
        #expect(pair(.indexed(196), 16) == 9) // pure red is bright red
        #expect(pair(.indexed(208), 16) == 3) // orange is nearest to xterm's yellow (205, 205, 0)
        #expect(pair(.indexed(232), 16) == 0) // darkest gray
        #expect(pair(.indexed(255), 16) == 7) // lightest gray is nearer white (229) than bright white
        #expect(pair(.indexed(196), 8) == 1)
        #expect(ColorMapper.isFoldedBright(.indexed(196), colors: 8))
        #expect(pair(.indexed(12), 8) == 4)
        #expect(ColorMapper.isFoldedBright(.indexed(12), colors: 8))
    }

    @Test func rgbTakesTheNearestCubeOrGrayAt256() {
        #expect(pair(.rgb(255, 135, 0), 256) == 208)
        #expect(pair(.rgb(0, 0, 0), 256) == 16)
        #expect(pair(.rgb(255, 255, 255), 256) == 231)
        #expect(pair(.rgb(95, 135, 175), 256) == 67)
        #expect(pair(.rgb(128, 128, 128), 256) == 244) // exactly gray 244, nearer than cube (135, 135, 135)
        #expect(pair(.rgb(18, 18, 18), 256) == 233)
        #expect(pair(.rgb(100, 130, 170), 256) == 67)
    }

    @Test func rgbTakesTheNearestAnsiColorBelow256() {
        #expect(pair(.rgb(250, 10, 10), 16) == 9)
        #expect(pair(.rgb(250, 10, 10), 8) == 1)
        #expect(ColorMapper.isFoldedBright(.rgb(250, 10, 10), colors: 8))
        #expect(pair(.rgb(0, 0, 200), 16) == 4)
        #expect(pair(.rgb(0, 0, 200), 88) == 4) // an 88-color terminal gets the 16 it surely has
    }

    @Test func moreThan256ColorsIsTreatedAs256() {
        #expect(pair(.indexed(208), 1 << 24) == 208)
        #expect(pair(.rgb(255, 135, 0), 32767) == 208)
    }

    @Test func indexedPaletteColorsAreXterms() {
        #expect(ColorMapper.rgb(ofIndexed: 16) == .init(red: 0, green: 0, blue: 0))
        #expect(ColorMapper.rgb(ofIndexed: 208) == .init(red: 255, green: 135, blue: 0))
        #expect(ColorMapper.rgb(ofIndexed: 231) == .init(red: 255, green: 255, blue: 255))
        #expect(ColorMapper.rgb(ofIndexed: 232) == .init(red: 8, green: 8, blue: 8))
        #expect(ColorMapper.rgb(ofIndexed: 255) == .init(red: 238, green: 238, blue: 238))
    }
}
