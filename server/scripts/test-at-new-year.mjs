#!/usr/bin/env node
// Runs the unit and PGlite suites with the clock moved to the coming 31 December, 23:20 UTC — already 1 January in
// Paris and Zurich, where our businesses keep their calendar — through libfaketime (Debian's `faketime`).
// It catches what a day-to-day run cannot: years taken in UTC instead of the company's zone, and dates written
// into tests as "the future" that the calendar has since overtaken. PostgreSQL's clock cannot be moved, so its
// suite is not run here. Extra arguments go to Vitest (a file, `-t`, …).
import { spawnSync } from 'node:child_process';

const year = new Date().getUTCFullYear();
const instant = `${year}-12-31 23:20:00`;
const faketime = spawnSync('faketime', ['--version'], { stdio: 'ignore' });
if (faketime.error) {
  console.error('test-at-new-year: `faketime` is missing (Debian package faketime).');
  process.exit(1);
}
console.log(`Unit and PGlite suites with the clock at ${instant} UTC (clock running from there)…`);
const run = spawnSync('faketime', ['-f', `@${instant}`, 'npx', 'vitest', 'run', '--project', 'unit', '--project', 'pglite', ...process.argv.slice(2)], {
  stdio: 'inherit',
  // The PostgreSQL server keeps the real time: its suite would mix two clocks, so it is neither run nor required.
  env: { ...process.env, DATABASE_URL: '', REQUIRE_POSTGRES: '', REQUIRE_BROWSER: '' },
});
process.exit(run.status ?? 1);
