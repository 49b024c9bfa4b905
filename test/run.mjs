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

function run(title, command, args, env = plain) {
  console.log(`\n=== ${title}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  console.log(`=== ${title}: ${result.status === 0 ? 'ok' : `failed (exit ${result.status})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
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

function count(file, read) {
  if (!existsSync(file)) return void failed++;
  try {
    const [p, f] = read(JSON.parse(readFileSync(file, 'utf8')));
    passed += p;
    failed += f;
  } catch {
    failed++;
  }
}
count(`${reports}/vitest.json`, (v) => [v.numPassedTests, v.numFailedTests + (v.success || v.numFailedTests ? 0 : 1)]);
count(`${reports}/e2e.json`, (e) => [e.stats.expected, e.stats.unexpected + e.stats.flaky + (e.errors?.length ?? 0)]);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
