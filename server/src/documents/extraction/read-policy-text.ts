import { createRequire } from 'node:module';
import path from 'node:path';
import { createWorker, OEM } from 'tesseract.js';
import { extractText, getDocumentProxy, renderPageAsImage } from 'unpdf';
import type { AcceptedType } from '../rules/upload-checks.ts';
import type { OcrWord } from './rules/extract-policy-fields.ts';

/**
 * Reads the text of an uploaded policy: a PDF's text layer with unpdf (pdf.js); a scan (a PDF without text, or a
 * PNG/JPEG photo) through tesseract.js with the French model shipped by `@tesseract.js-data/fra` — nothing is ever
 * downloaded. Scanned PDF pages are rasterised by pdf.js onto `@napi-rs/canvas` (a prebuilt binary from npm), so
 * OCR needs nothing outside `npm ci`: no poppler, no system tesseract.
 *
 * CPU-heavy: call it from a job (documents.extract-policy), never from a request. Tesseract runs in a worker
 * thread; `timeoutMs` bounds the whole read and terminates the worker when it is exceeded.
 */
export interface ReadTextResult {
  method: 'text_layer' | 'ocr';
  text: string;
  pages: number;
  /** OCR only: every word with tesseract's confidence. */
  words?: OcrWord[];
}

export interface ReadTextOptions {
  /** Default 120 s. */
  timeoutMs?: number;
  /** Pages of a scanned PDF sent to OCR (the particulars are on the first ones). Default 3. */
  maxOcrPages?: number;
}

export class ExtractionTimeoutError extends Error {
  constructor(ms: number) {
    super(`Lecture du document interrompue après ${Math.round(ms / 1000)} s.`);
    this.name = 'ExtractionTimeoutError';
  }
}

export class UnreadableDocumentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnreadableDocumentError';
  }
}

/** Below this many letters a PDF's text layer is taken as absent (a scan with a stray header, or nothing). */
const MIN_TEXT_LAYER_LETTERS = 40;

const require = createRequire(import.meta.url);
/** `@tesseract.js-data/fra`'s integer-quantised "best" model (0.7 MB, gzipped). */
export const FRENCH_LANG_PATH = path.join(path.dirname(require.resolve('@tesseract.js-data/fra/package.json')), '4.0.0_best_int');

/**
 * pdf.js 5 calls `ArrayBuffer.prototype.transferToFixedLength` (Node ≥ 21) while rasterising; on Node 20 it is
 * missing and pages render blank. A copying stand-in gives the same bytes (the original is not detached, which
 * pdf.js does not rely on).
 */
function ensureArrayBufferTransfer(): void {
  const proto = ArrayBuffer.prototype as ArrayBuffer & { transferToFixedLength?: (length?: number) => ArrayBuffer };
  if (typeof proto.transferToFixedLength === 'function') return;
  Object.defineProperty(ArrayBuffer.prototype, 'transferToFixedLength', {
    configurable: true,
    writable: true,
    value: function transferToFixedLength(this: ArrayBuffer, length?: number): ArrayBuffer {
      const size = length ?? this.byteLength;
      const copy = new ArrayBuffer(size);
      new Uint8Array(copy).set(new Uint8Array(this, 0, Math.min(size, this.byteLength)));
      return copy;
    },
  });
}

function letters(text: string): number {
  return (text.match(/\p{L}/gu) ?? []).length;
}

export async function readPolicyText(bytes: Uint8Array, contentType: AcceptedType, options: ReadTextOptions = {}): Promise<ReadTextResult> {
  const timeoutMs = options.timeoutMs ?? 120_000;
  const abort = { terminate: undefined as undefined | (() => Promise<unknown>), timedOut: false };
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      abort.timedOut = true;
      void abort.terminate?.().catch(() => {});
      reject(new ExtractionTimeoutError(timeoutMs));
    }, timeoutMs);
  });
  try {
    return await Promise.race([read(bytes, contentType, options.maxOcrPages ?? 3, abort), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

async function read(bytes: Uint8Array, contentType: AcceptedType, maxOcrPages: number, abort: { terminate?: () => Promise<unknown>; timedOut: boolean }): Promise<ReadTextResult> {
  if (contentType !== 'application/pdf') {
    const ocr = await recognize([Buffer.from(bytes)], abort);
    return { method: 'ocr', pages: 1, ...ocr };
  }
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    pdf = await getDocumentProxy(new Uint8Array(bytes));
  } catch (error) {
    throw new UnreadableDocumentError(/password/i.test(String(error)) ? 'Le PDF est protégé par un mot de passe : envoyez-le sans protection.' : 'Le PDF est illisible ou endommagé.');
  }
  try {
    const { text, totalPages } = await extractText(pdf, { mergePages: true });
    if (letters(text) >= MIN_TEXT_LAYER_LETTERS) return { method: 'text_layer', text, pages: totalPages };
    ensureArrayBufferTransfer();
    const images: Buffer[] = [];
    for (let page = 1; page <= Math.min(totalPages, maxOcrPages); page++) {
      if (abort.timedOut) throw new ExtractionTimeoutError(0);
      let png: ArrayBuffer;
      try {
        png = await renderPageAsImage(pdf, page, { canvasImport: () => import('@napi-rs/canvas'), scale: 2 });
      } catch (error) {
        // E.g. no @napi-rs/canvas binary for this platform: say so, rather than retrying forever.
        throw new UnreadableDocumentError(`La page ${page} du PDF scanné n’a pas pu être convertie en image pour la reconnaissance (${error instanceof Error ? error.message : String(error)}).`);
      }
      images.push(Buffer.from(png));
    }
    const ocr = await recognize(images, abort);
    return { method: 'ocr', pages: totalPages, ...ocr };
  } finally {
    const proxy = pdf as unknown as { destroy?: () => Promise<void>; cleanup?: () => Promise<void> | void };
    await Promise.resolve((proxy.destroy ?? proxy.cleanup)?.call(proxy)).catch(() => {});
  }
}

async function recognize(images: Buffer[], abort: { terminate?: () => Promise<unknown>; timedOut: boolean }): Promise<{ text: string; words: OcrWord[] }> {
  let failure: unknown;
  const worker = await createWorker('fra', OEM.LSTM_ONLY, {
    langPath: FRENCH_LANG_PATH,
    gzip: true,
    cacheMethod: 'none',
    errorHandler: (error: unknown) => {
      failure = error;
    },
  });
  abort.terminate = () => worker.terminate();
  try {
    const texts: string[] = [];
    const words: OcrWord[] = [];
    for (const image of images) {
      if (abort.timedOut) throw new ExtractionTimeoutError(0);
      const { data } = await worker.recognize(image, {}, { text: true, blocks: true });
      texts.push(data.text);
      for (const block of data.blocks ?? []) {
        for (const paragraph of block.paragraphs) for (const line of paragraph.lines) for (const word of line.words) words.push({ text: word.text, confidence: Math.round(word.confidence) });
      }
    }
    if (failure) throw failure;
    return { text: texts.join('\n'), words };
  } catch (error) {
    if (abort.timedOut) throw new ExtractionTimeoutError(0);
    throw new UnreadableDocumentError(`L’image n’a pas pu être lue (${error instanceof Error ? error.message : String(error)}).`);
  } finally {
    abort.terminate = undefined;
    await worker.terminate().catch(() => {});
  }
}
