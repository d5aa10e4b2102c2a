import Testing

@Test func placeholderFolioCLITests() { #expect(Bool(true)) }
