#!/usr/bin/env node
// `npm test`: type check, component and server tests (Vitest, real Chromium), the library build
// and its size budget, then the end-to-end suite (Playwright against the reference server).
// It ends with one line summing both runners: "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const reports = 'reports';
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });
// Plain text, no colour codes. Most tools read NO_COLOR, and take any FORCE_COLOR, even '0', as
// "colours on". Playwright reads FORCE_COLOR=0, and hands FORCE_COLOR to its web server, where
// Node warns when NO_COLOR is set beside it.
const { FORCE_COLOR, NO_COLOR, ...inherited } = process.env;
const plain = { ...inherited, CI: process.env.CI ?? '1', NO_COLOR: '1' };
const plainPlaywright = { ...inherited, CI: process.env.CI ?? '1', FORCE_COLOR: '0' };

const failedSteps = [];
function run(title, command, args, env = plain) {
  console.log(`\n=== ${title}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  console.log(`=== ${title}: ${result.status === 0 ? 'ok' : `failed (exit ${result.status})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (result.status !== 0) failedSteps.push(title);
  return result.status === 0;
}

let failed = 0;
let passed = 0;
if (!run('type check', 'npx', ['tsc', '-p', '.'])) failed++;
if (!run('type check (node)', 'npx', ['tsc', '-p', 'tsconfig.node.json'])) failed++;
if (run('build', 'npm', ['run', 'build', '--silent'])) plainPlaywright.CFU_BUILT = '1'; // the e2e package tests pack this build
else failed++;
// They pack the package: the build above, not another one (prepack) when it succeeded.
const packBuilt = plainPlaywright.CFU_BUILT ? { ...plain, npm_config_ignore_scripts: 'true' } : plain;
if (!run('package lint (publint, attw)', 'npm', ['run', 'lint:package', '--silent'], packBuilt)) failed++;
run('vitest', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${reports}/vitest.json`]);
run('playwright', 'npx', ['playwright', 'test'], plainPlaywright);

// Each runner's counts, and what beyond a failed test counts as a failure, are said before the sum.
function count(title, file, read) {
  if (!existsSync(file)) {
    console.log(`${title}: no report (${file}): counted as one failure`);
    return void failed++;
  }
  try {
    const [p, f, why] = read(JSON.parse(readFileSync(file, 'utf8')));
    console.log(`${title}: ${p} passed, ${f} failed${why ? ` (${why})` : ''}`);
    passed += p;
    failed += f;
  } catch (error) {
    console.log(`${title}: unreadable report (${error}): counted as one failure`);
    failed++;
  }
}
count('vitest', `${reports}/vitest.json`, (v) => {
  // Errors outside any test (an unhandled rejection, a file that did not load) fail the run.
  const outside = v.success || v.numFailedTests ? 0 : 1;
  return [v.numPassedTests, v.numFailedTests + outside, outside && 'errors outside the tests'];
});
count('playwright', `${reports}/e2e.json`, (e) => {
  const outside = e.errors?.length ?? 0;
  const why = [e.stats.flaky && `${e.stats.flaky} flaky`, outside && `${outside} errors outside the tests`].filter(Boolean).join(', ');
  return [e.stats.expected, e.stats.unexpected + e.stats.flaky + outside, why];
});
// The checks before the runners count one failure each; the runners' own exits are read from their reports.
const checks = failedSteps.filter((title) => title !== 'vitest' && title !== 'playwright');
if (checks.length) console.log(`failed checks, one failure each: ${checks.join(', ')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
