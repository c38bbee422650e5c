/**
 * Unit tests sit beside the code (src/**\/*.spec.ts); end-to-end tests in test/ drive the GraphQL API.
 * A few dependencies ship only as ES modules, which Node 20 loads natively but Jest's module
 * registry cannot: those are compiled to CommonJS by SWC like our own code.
 */
const ESM_ONLY = ['content-disposition', 'cookie', 'file-type', 'strtok3', 'token-types', '@tokenizer', '@borewit', 'uint8array-extras'];

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.e2e-spec.ts'],
  transform: { '^.+\\.(t|j)s$': ['@swc/jest'] },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'json'],
  testTimeout: 60_000,
  maxWorkers: 2,
};
