#!/usr/bin/env node
// `npm test`: type check, component and server tests (Vitest, real Chromium), the library build
// and its size budget, then the end-to-end suite (Playwright against the reference server).
// It ends with one line summing both runners: "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const reports = 'reports';
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });
// Plain text: no colour codes (NO_COLOR; FORCE_COLOR, even '0', turns colours on in some tools).
const env = { ...process.env, CI: process.env.CI ?? '1', NO_COLOR: '1' };
delete env.FORCE_COLOR;

function run(title, command, args) {
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
if (!run('build', 'npm', ['run', 'build', '--silent'])) failed++;
if (!run('package lint (publint, attw)', 'npm', ['run', 'lint:package', '--silent'])) failed++;
run('vitest', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${reports}/vitest.json`]);
run('playwright', 'npx', ['playwright', 'test']);

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
