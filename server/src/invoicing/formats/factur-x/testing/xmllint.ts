import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Test support: validate Factur-X XML with xmllint against the official XSD, and read values back with XPath.
 * Missing xmllint or a missing XSD throws — the tests fail, they never skip (`.ci/run` installs libxml2-utils).
 */

/** This file is server/src/invoicing/formats/factur-x/testing/xmllint.ts. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../../..');

/** The shared standards live next to the repository (`../shared` from the checkout, as in the issue). */
export const facturXXsd = path.resolve(repoRoot, '../shared/standards/factur-x-1.09-en16931/Factur-X_EN16931.xsd');

function xmllint(args: string[], input?: string) {
  const run = spawnSync('xmllint', args, { encoding: 'utf8', input, maxBuffer: 64 * 1024 * 1024 });
  if (run.error) throw new Error(`xmllint could not run (${run.error.message}); install Debian libxml2-utils`);
  return run;
}

/** Validates every document in one xmllint run; returns the names of those that do not validate, with the output. */
export function validateAgainstXsd(documents: { name: string; xml: string }[]): { invalid: string[]; output: string } {
  if (!existsSync(facturXXsd)) throw new Error(`Factur-X XSD not found at ${facturXXsd}`);
  const dir = mkdtempSync(path.join(tmpdir(), 'facturx-'));
  try {
    const files = documents.map((doc, i) => {
      const file = path.join(dir, `${String(i).padStart(4, '0')}-${doc.name.replace(/[^\w.-]/g, '_')}.xml`);
      writeFileSync(file, doc.xml);
      return file;
    });
    const run = xmllint(['--noout', '--nonet', '--schema', facturXXsd, ...files]);
    const output = `${run.stdout}${run.stderr}`;
    // xmllint prints "<file> validates" for each valid file; a parse error prints nothing of the kind.
    const invalid = documents.filter((_, i) => !output.includes(`${files[i]} validates`)).map((d) => d.name);
    if (invalid.length === 0 && run.status !== 0) throw new Error(`xmllint exited with ${run.status}:\n${output}`);
    return { invalid, output };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The string value of an XPath 1.0 expression on a document (xmllint cannot bind prefixes: see `cii`). */
export function xpath(xml: string, expression: string): string {
  const run = xmllint(['--xpath', `string(${expression})`, '-'], xml);
  if (run.status !== 0) throw new Error(`xmllint --xpath ${expression} failed (${run.status}): ${run.stderr}`);
  return run.stdout.replace(/\n$/, '');
}

/** The number of nodes an XPath expression selects. */
export function xpathCount(xml: string, expression: string): number {
  return Number(xpath(xml, `count(${expression})`));
}

const SEPARATOR = '\u241E'; // ␞, which no invoice text contains

/**
 * Many values in one xmllint run (each run costs a process start): paths relative to CrossIndustryInvoice as in
 * `cii`, a leading `#` asks for the node count instead of the string value.
 */
export function readValues<K extends string>(xml: string, paths: readonly K[]): Record<K, string> {
  const expressions = paths.map((p) => (p.startsWith('#') ? `count(${cii(p.slice(1))})` : `string(${cii(p)})`));
  const values = xpath(xml, `concat(${[...expressions, `'${SEPARATOR}'`].join(`, '${SEPARATOR}', `)})`).split(SEPARATOR);
  return Object.fromEntries(paths.map((p, i) => [p, values[i]])) as Record<K, string>;
}

/**
 * A namespace-agnostic absolute path from CrossIndustryInvoice: `cii('ExchangedDocument/IncludedNote[2]/Content')`.
 * Segments may carry a predicate ([2]) and the last may be an attribute (@currencyID).
 */
export function cii(relativePath: string): string {
  const steps = relativePath.split('/').map((segment) => {
    if (segment.startsWith('@')) return `/${segment}`;
    const match = /^([\w]+)(\[.+\])?$/.exec(segment);
    if (!match) throw new Error(`cii(): unsupported path segment "${segment}"`);
    return `/*[local-name()="${match[1]}"]${match[2] ?? ''}`;
  });
  return `/*[local-name()="CrossIndustryInvoice"]${steps.join('')}`;
}
