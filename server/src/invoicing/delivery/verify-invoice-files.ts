import { asc, isNotNull, or } from 'drizzle-orm';
import { FileIntegrityError, FileNotFoundError } from '../../platform/files/file-storage.ts';
import type { Services } from '../../platform/services.ts';
import { invoices } from '../schema.ts';

export interface InvoiceFileProblem {
  number: string;
  companyId: string;
  file: 'pdf' | 'xml';
  sha256: string;
  problem: 'missing' | 'altered';
}

/**
 * `comptoir invoices:verify`: re-reads every stored invoice file and re-hashes it against the SHA-256 recorded at issue
 * (file storage is content-addressed and checks on read). Returns what is missing or altered; empty means intact.
 */
export async function verifyInvoiceFiles(services: Services, onProgress?: (done: number, total: number) => void): Promise<{ checked: number; problems: InvoiceFileProblem[] }> {
  const rows = await services.db
    .select({ number: invoices.number, companyId: invoices.companyId, pdf: invoices.pdfSha256, xml: invoices.xmlSha256 })
    .from(invoices)
    .where(or(isNotNull(invoices.pdfSha256), isNotNull(invoices.xmlSha256)))
    .orderBy(asc(invoices.createdAt));
  const problems: InvoiceFileProblem[] = [];
  let checked = 0;
  for (const [index, row] of rows.entries()) {
    for (const file of ['pdf', 'xml'] as const) {
      const sha256 = row[file];
      if (!sha256) continue;
      checked++;
      try {
        await services.files.get(sha256);
      } catch (error) {
        if (error instanceof FileNotFoundError) problems.push({ number: row.number, companyId: row.companyId, file, sha256, problem: 'missing' });
        else if (error instanceof FileIntegrityError) problems.push({ number: row.number, companyId: row.companyId, file, sha256, problem: 'altered' });
        else throw error;
      }
    }
    onProgress?.(index + 1, rows.length);
  }
  return { checked, problems };
}
