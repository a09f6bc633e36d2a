import { existsSync } from 'node:fs';

/**
 * The fonts of the invoice. PDF/A forbids relying on the reader's fonts, and pdfkit's built-in Helvetica is never
 * embedded — so every glyph comes from a TrueType file embedded (subset) in the document. DejaVu Sans (Debian
 * `fonts-dejavu-core`, installed by `.ci/run`) covers French, German and Italian, €, ’ and the narrow no-break space.
 */
const DEJAVU_DIR = '/usr/share/fonts/truetype/dejavu';

/**
 * The names fonts are registered under in the pdfkit document. swissqrbill selects `${fontName}` and
 * `${fontName}-Bold`, so the bold face must be registered under exactly that suffix.
 */
export const FONT_REGULAR = 'DejaVuSans';
export const FONT_BOLD = 'DejaVuSans-Bold';

export const FONT_FILES = {
  [FONT_REGULAR]: `${DEJAVU_DIR}/DejaVuSans.ttf`,
  [FONT_BOLD]: `${DEJAVU_DIR}/DejaVuSans-Bold.ttf`,
} as const;

/** Fails with an actionable message rather than pdfkit's bare ENOENT (or, worse, a silent Helvetica fallback). */
export function assertFontsInstalled(): void {
  const missing = Object.values(FONT_FILES).filter((path) => !existsSync(path));
  if (missing.length > 0) {
    throw new Error(
      `Invoice PDF: font file(s) missing: ${missing.join(', ')}. Install the Debian package fonts-dejavu-core ` +
        '(apt-get install fonts-dejavu-core); PDF/A requires every font to be embedded.',
    );
  }
}

export function registerFonts(doc: PDFKit.PDFDocument): void {
  for (const [name, path] of Object.entries(FONT_FILES)) doc.registerFont(name, path);
}
