#!/usr/bin/env node
// Summarises a .cpuprofile (Chrome format): self time by function and by package, and the
// inclusive time of the functions named on the command line after the file.
//   node bench/lib/summarize-profile.mjs run.cpuprofile [top=40] [functionName …]
import fs from 'node:fs';

const [file, topArg, ...inclusiveNames] = process.argv.slice(2);
if (!file) {
  console.error('usage: summarize-profile.mjs <file.cpuprofile> [top]');
  process.exit(2);
}
const top = Number(topArg ?? 40);
const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const selfSamples = new Map();
for (const id of profile.samples) selfSamples.set(id, (selfSamples.get(id) ?? 0) + 1);
const total = profile.samples.length;

function where(frame) {
  const url = frame.url || '';
  const pkg = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (pkg) return pkg[1];
  if (url.includes('/src/')) return url.replace(/^.*\/src\//, 'src/');
  if (url.startsWith('node:')) return url;
  return url || '(native)';
}

const byFunction = new Map();
const byPackage = new Map();
for (const [id, count] of selfSamples) {
  const { callFrame } = byId.get(id);
  const place = where(callFrame);
  const key = `${callFrame.functionName || '(anonymous)'}  ${place}:${callFrame.lineNumber + 1}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + count);
  const pkgKey = place.startsWith('src/') ? place.split('/').slice(0, 2).join('/') : place;
  byPackage.set(pkgKey, (byPackage.get(pkgKey) ?? 0) + count);
}
const pct = (n) => `${((100 * n) / total).toFixed(1).padStart(5)} %`;
const print = (title, map, limit) => {
  console.log(`\n${title}`);
  for (const [key, count] of [...map].sort((a, b) => b[1] - a[1]).slice(0, limit)) console.log(`${pct(count)}  ${key}`);
};
console.log(`${total} samples`);
print('self time by package / source folder', byPackage, 25);
print('self time by function', byFunction, top);

// Inclusive time: samples whose stack holds the function (counted once per sample).
if (inclusiveNames.length > 0) {
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const inclusive = new Map(inclusiveNames.map((name) => [name, 0]));
  for (const [id, count] of selfSamples) {
    const seen = new Set();
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const name = byId.get(at).callFrame.functionName;
      if (inclusive.has(name) && !seen.has(name)) {
        seen.add(name);
        inclusive.set(name, inclusive.get(name) + count);
      }
    }
  }
  print('inclusive time', inclusive, inclusiveNames.length);
}
