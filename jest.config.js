/**
 * Unit tests sit beside the code (src/**\/*.spec.ts), with the architecture check
 * (test/architecture.spec.ts); end-to-end tests in test/ drive the GraphQL API, each file on a
 * copy of one database migrated per run (test/support/global-setup.ts), prepared only when an
 * end-to-end test is about to run.
 * A few dependencies ship only as ES modules, which Node 20 loads natively but Jest's module
 * registry cannot: those are compiled to CommonJS by SWC like our own code.
 */
const ESM_ONLY = ['content-disposition', 'cookie', 'file-type', 'strtok3', 'token-types', '@tokenizer', '@borewit', 'uint8array-extras', '@noble', '@scure', 'css-select', 'css-what', 'nth-check', 'boolbase', 'cssomnom', 'domhandler', 'domutils', 'dom-serializer', 'domelementtype', 'entities'];

const shared = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)s$': ['@swc/jest'] },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'json'],
};

module.exports = {
  // Read from here only: Jest ignores a project's own testTimeout.
  testTimeout: 60_000,
  maxWorkers: 2,
  projects: [
    { ...shared, displayName: 'unit', roots: ['<rootDir>/src', '<rootDir>/test'], testMatch: ['**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'e2e',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
