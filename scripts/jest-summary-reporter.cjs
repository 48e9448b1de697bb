// Writes each jest run's totals to .tmp/test-results/<package>.json so that
// scripts/test-all.mjs can print one closing line for the whole monorepo.
const fs = require('node:fs');
const path = require('node:path');

class SummaryReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }

  onRunComplete(_contexts, results) {
    const pkg = JSON.parse(fs.readFileSync(path.join(this.rootDir, 'package.json'), 'utf8')).name;
    const dir = path.join(__dirname, '..', '.tmp', 'test-results');
    fs.mkdirSync(dir, { recursive: true });
    const out = {
      package: pkg,
      passed: results.numPassedTests,
      failed: results.numFailedTests + results.numRuntimeErrorTestSuites,
      skipped: results.numPendingTests + results.numTodoTests,
    };
    fs.writeFileSync(path.join(dir, `${pkg.replace(/[@/]/g, '_')}.json`), JSON.stringify(out) + '\n');
  }
}

module.exports = SummaryReporter;
