// Totals of a CLI result file, counted as cache-tests.fyi counts them (a test whose dependency did not pass is not a
// pass). Usage: node summary.mjs <suite directory> <results.json> [--list]
import fs from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

const [suiteDir, resultFile, list] = process.argv.slice(2)
const tests = (await import(pathToFileURL(path.join(suiteDir, 'tests/index.mjs')))).default
tests.push((await import(pathToFileURL(path.join(suiteDir, 'tests/surrogate-control.mjs')))).default)
const results = JSON.parse(fs.readFileSync(resultFile, 'utf8'))
const byId = new Map()
// the CLI skips browser-only tests; they are not counted
tests.forEach(suite => suite.tests.forEach(test => { if (test.browser_only !== true) byId.set(test.id, test) }))

function outcome (id) {
  const test = byId.get(id)
  if (test === undefined) return 'untested'
  const result = results[id]
  if (result === undefined) return 'untested'
  for (const dependency of test.depends_on || []) {
    if (!['pass', 'yes'].includes(outcome(dependency))) return 'dependency'
  }
  if (Array.isArray(result) && result[0] === 'Setup') return result[1] === 'retry' ? 'retry' : 'setup'
  if (result === false) return 'harness'
  const kind = test.kind || 'required'
  if (kind === 'check') return result === true ? 'yes' : 'no'
  if (result === true) return 'pass'
  return kind === 'required' ? 'fail' : 'optional-fail'
}

const counts = {}
const failedRequired = []
for (const id of byId.keys()) {
  const o = outcome(id)
  counts[o] = (counts[o] || 0) + 1
  if (o === 'fail') failedRequired.push(id)
  if (list && o !== 'pass' && o !== 'yes') console.log(`${o}\t${id}\t${JSON.stringify(results[id])}`)
}
console.log(`tests: ${byId.size}  ✅ ${counts.pass || 0}  ⛔️ required failed ${counts.fail || 0}  ` +
  `⚠️ optional failed ${counts['optional-fail'] || 0}  Y ${counts.yes || 0}  N ${counts.no || 0}  ` +
  `setup/harness/dependency ${(counts.setup || 0) + (counts.retry || 0) + (counts.harness || 0) + (counts.dependency || 0)}`)
if (failedRequired.length) console.log(`required failed: ${failedRequired.join(' ')}`)
