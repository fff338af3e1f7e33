/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  // Every test must assert something: see test/setup/assertions.ts.
  setupFilesAfterEnv: ['<rootDir>/test/setup/assertions.ts'],
  testTimeout: 30000,
};
