import Testing

@Test func placeholderFolioCoreTests() { #expect(Bool(true)) }
