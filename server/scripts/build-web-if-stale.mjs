#!/usr/bin/env node
// Builds the web app (web/dist) only when its sources changed since the last build,
// so `npm start` and `npm test` stay fast. Plain Node, no dependencies, any cwd.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// Locate web/ from this file, never from process.cwd() or an absolute path.
const webDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../web');
const builtIndex = join(webDir, 'dist', 'index.html');
const sources = ['src', 'public', 'index.html', 'vite.config.ts', 'package.json'].map((p) => join(webDir, p));

/** Newest mtime (ms) of a file or of any file below a directory; 0 if it does not exist. */
function newestMtime(path) {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    return 0;
  }
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

function builtMtime() {
  try {
    return statSync(builtIndex).mtimeMs;
  } catch {
    return undefined;
  }
}

const built = builtMtime();
const newestSource = Math.max(...sources.map(newestMtime));

if (built !== undefined && built >= newestSource) {
  console.log(`web: up to date (${builtIndex})`);
  process.exit(0);
}

// Vite's own output is kept back unless the build fails: one line is enough when it works.
const started = Date.now();
const result = spawnSync('npx', ['vite', 'build'], {
  cwd: webDir,
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
  shell: process.platform === 'win32', // npx is a .cmd shim on Windows
});

if (result.error || result.status !== 0) {
  process.stderr.write(result.stdout ?? '');
  process.stderr.write(result.stderr ?? '');
  console.error(`web: build FAILED (${result.error?.message ?? `exit code ${result.status}`})`);
  process.exit(typeof result.status === 'number' && result.status !== 0 ? result.status : 1);
}

const reason = built === undefined ? 'no previous build' : 'sources changed';
console.log(`web: built ${builtIndex} in ${((Date.now() - started) / 1000).toFixed(1)}s (${reason})`);
