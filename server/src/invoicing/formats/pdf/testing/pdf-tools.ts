import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsqr from 'jsqr';
import { PNG } from 'pngjs';

/**
 * Test helpers that look at a rendered PDF through Debian's tools (poppler-utils, libxml2-utils), the way a reader or
 * a validator would, rather than through the library that wrote it. A missing tool is an error, not a skip: CI
 * installs them (`.ci/run`), and a suite that silently checks nothing would be worse than a red one.
 */

const PACKAGE_OF: Record<string, string> = {
  pdfinfo: 'poppler-utils',
  pdffonts: 'poppler-utils',
  pdfdetach: 'poppler-utils',
  pdftotext: 'poppler-utils',
  pdftoppm: 'poppler-utils',
  xmllint: 'libxml2-utils',
  qpdf: 'qpdf',
};

export interface ToolResult {
  stdout: Buffer;
  stderr: string;
}

/** Runs a tool; throws when it is not installed or exits non-zero. */
export function runTool(name: string, args: string[], input?: string): ToolResult {
  const result = spawnSync(name, args, { maxBuffer: 256 * 1024 * 1024, ...(input !== undefined ? { input } : {}) });
  if (result.error) {
    const code = (result.error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new Error(`${name} is not installed (Debian package ${PACKAGE_OF[name] ?? name})`);
    throw result.error;
  }
  const stderr = result.stderr.toString('utf8');
  if (result.status !== 0) throw new Error(`${name} ${args.join(' ')} exited with ${result.status}: ${stderr}`);
  return { stdout: result.stdout, stderr };
}

export function toolInstalled(name: string): boolean {
  return !spawnSync(name, ['--version']).error;
}

/** A PDF written to a temporary directory, with the questions the tests ask about it. */
export class PdfOnDisk {
  readonly dir = mkdtempSync(join(tmpdir(), 'comptoir-invoice-pdf-'));
  readonly path = join(this.dir, 'invoice.pdf');

  constructor(pdf: Buffer) {
    writeFileSync(this.path, pdf);
  }

  /** `pdfinfo` as a key → value map (Title, Pages, PDF version…), plus anything it complained about on stderr. */
  info(): { fields: Record<string, string>; stderr: string } {
    const { stdout, stderr } = runTool('pdfinfo', ['-enc', 'UTF-8', this.path]);
    const fields: Record<string, string> = {};
    for (const line of stdout.toString('utf8').split('\n')) {
      const match = /^([^:]+):\s*(.*)$/.exec(line);
      if (match) fields[match[1]!.trim()] = match[2]!.trim();
    }
    return { fields, stderr };
  }

  pages(): number {
    return Number(this.info().fields.Pages);
  }

  /** The XMP packet of the document catalog. */
  xmp(): string {
    return runTool('pdfinfo', ['-meta', this.path]).stdout.toString('utf8');
  }

  /** `pdffonts` rows: name, type, and whether the font is embedded. */
  fonts(): { name: string; type: string; embedded: boolean }[] {
    const [, dashes = '', ...rows] = runTool('pdffonts', [this.path]).stdout.toString('utf8').split('\n');
    // Fixed-width columns: the dashes under the header give each column's span (name, type, encoding, emb, sub…).
    const spans = [...dashes.matchAll(/-+/g)].map((m) => [m.index, m.index + m[0].length] as const);
    return rows
      .filter((row) => row.trim() !== '')
      .map((row) => {
        const cell = (i: number) => row.slice(spans[i]![0], spans[i]![1]).trim();
        return { name: cell(0), type: cell(1), embedded: cell(3) === 'yes' };
      });
  }

  attachments(): string[] {
    const lines = runTool('pdfdetach', ['-list', '-enc', 'UTF-8', this.path]).stdout.toString('utf8').split('\n');
    return lines.map((line) => /^\d+:\s*(.*)$/.exec(line)?.[1]).filter((name): name is string => name !== undefined);
  }

  /** Extracts an attachment by its name, byte for byte. */
  attachment(name: string): Buffer {
    const out = join(this.dir, `attachment-${name}`);
    runTool('pdfdetach', ['-savefile', name, '-o', out, this.path]);
    return readFileSync(out);
  }

  /** The text of one page (1-based) or of the whole document, with every kind of space folded to one plain space. */
  text(page?: number): string {
    const range = page === undefined ? [] : ['-f', String(page), '-l', String(page)];
    const raw = runTool('pdftotext', ['-enc', 'UTF-8', ...range, this.path, '-']).stdout.toString('utf8');
    return foldSpaces(raw);
  }

  /**
   * Renders the bottom 105 mm of a page at 300 dpi — where the QR-bill payment part sits — and decodes its QR code.
   * Returns null when no QR code is found.
   */
  decodeQrAtBottom(page: number): string | null {
    const dpi = 300;
    const widthPx = Math.round((210 / 25.4) * dpi);
    const heightPx = Math.round((297 / 25.4) * dpi);
    const billPx = Math.round((105 / 25.4) * dpi);
    const prefix = join(this.dir, `page-${page}`);
    runTool('pdftoppm', [
      '-r', String(dpi), '-png', '-singlefile', '-f', String(page), '-l', String(page),
      '-x', '0', '-y', String(heightPx - billPx), '-W', String(widthPx), '-H', String(billPx),
      this.path, prefix,
    ]);
    const png = PNG.sync.read(readFileSync(`${prefix}.png`));
    // jsqr is CommonJS typed as an ES module: under NodeNext its default import is the module, whose `default` is the
    // decoder (at runtime the exported function carries itself as `default`).
    const code = jsqr.default(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height);
    return code?.data ?? null;
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export function foldSpaces(text: string): string {
  return text.replace(/[\s\u00a0\u202f]+/g, ' ');
}

/** Well-formedness of an XML string, by xmllint (the XMP packet must parse for a PDF/A validator to read it). */
export function assertWellFormedXml(xml: string): void {
  runTool('xmllint', ['--noout', '--nonet', '-'], xml);
}
