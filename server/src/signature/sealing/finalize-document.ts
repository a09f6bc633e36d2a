import { PDF, rgb } from '@libpdf/core';
import type { SignatureBox, SignatureStrokes } from '../schema.ts';
import { strokesToSvgPath } from '../rules/strokes.ts';

/**
 * Puts the drawn signature into its box (as vector strokes, so it prints sharp at any zoom) and appends the
 * certificate-of-completion pages. The result is what gets sealed.
 */
export async function stampSignature(original: Uint8Array, strokes: SignatureStrokes, box: SignatureBox, certificate: Uint8Array): Promise<Uint8Array> {
  const pdf = await PDF.load(original);
  const pageCount = pdf.getPageCount();
  const page = pdf.getPage(Math.min(Math.max(0, box.page), pageCount - 1));
  if (!page) throw new Error('The document has no page to sign on');
  const path = strokesToSvgPath(strokes, box.width, box.height);
  page.drawSvgPath(path, { x: box.x, y: box.y + box.height, flipY: true, borderColor: rgb(0.05, 0.12, 0.45), borderWidth: 1.6 } as Parameters<typeof page.drawSvgPath>[1]);
  const extra = await PDF.load(certificate);
  await pdf.copyPagesFrom(extra, [...Array(extra.getPageCount()).keys()]);
  return pdf.save();
}
