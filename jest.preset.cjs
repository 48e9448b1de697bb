// Shared jest settings: tests run the TypeScript sources through ts-jest, and
// sibling packages resolve @smolml/* to their sources so a change in core is seen
// without a rebuild. The dual-package and installed-alone tests load dist/ explicitly.
const path = require('node:path');

module.exports = {
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: path.join(__dirname, 'tsconfig.test.json') }],
  },
  reporters: ['default', path.join(__dirname, 'scripts/jest-summary-reporter.cjs')],
  moduleNameMapper: {
    '^@smolml/([a-z]+)$': path.join(__dirname, 'packages/$1/src/index.ts'),
  },
};
