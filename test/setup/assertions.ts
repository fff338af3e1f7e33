/**
 * Every test must assert something (docs/style.md: no test that asserts nothing): a test whose loop never runs
 * or whose callback is never called fails with "Expected at least one assertion to be called" instead of
 * passing silently.
 */
beforeEach(() => {
  expect.hasAssertions();
});
