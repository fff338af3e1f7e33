// The setup file is wired in jest.config.js: a test that asserts nothing would fail.
test('every test is required to make at least one assertion', () => {
  expect(expect.getState().isExpectingAssertions).toBe(true);
});
