import { queryOptions } from '@tanstack/react-query';
import { api, apiDownload, type DownloadedFile } from './api.ts';

// Catalog imports and exports (server/src/catalog/import-export/import-export.routes.ts).

export const importRuleTypes = ['fixed', 'tiered', 'usage', 'indexed', 'grid', 'bundle'] as const;
export type ImportRuleType = (typeof importRuleTypes)[number];

export interface ImportError {
  line: number | null;
  column: string | null;
  message: string;
  sheet?: string;
}

export interface CatalogImport {
  id: string;
  fileName: string;
  fileSha256: string;
  dryRun: boolean;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  totalRows: number;
  processedRows: number;
  created: number;
  updated: number;
  unchanged: number;
  errorCount: number;
  errors: ImportError[];
  createdBy: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export const isFinished = (job: Pick<CatalogImport, 'status'>) => job.status === 'succeeded' || job.status === 'failed';

export const importsQuery = queryOptions({
  queryKey: ['catalog', 'imports'],
  queryFn: ({ signal }) => api.get<{ items: CatalogImport[] }>('/api/catalog/imports', signal),
});

/** One import, polled every half second while it runs (the server writes its progress as it checks the rows). */
export const importQuery = (importId: string) =>
  queryOptions({
    queryKey: ['catalog', 'imports', importId],
    queryFn: ({ signal }) => api.get<CatalogImport>(`/api/catalog/imports/${importId}`, signal),
    refetchInterval: (query) => (query.state.data && isFinished(query.state.data) ? false : 500),
  });

export const startImport = (body: { fileName: string; contentBase64: string; dryRun: boolean }) => api.post<{ importId: string }>('/api/catalog/imports', body);

export const catalogExports = {
  productsCsv: '/api/catalog/exports/products.csv',
  productsXlsx: '/api/catalog/exports/products.xlsx',
  gridsCsv: '/api/catalog/exports/price-grids.csv',
  gridsXlsx: '/api/catalog/exports/price-grids.xlsx',
  catalogXlsx: '/api/catalog/exports/catalog.xlsx',
} as const;

export const downloadExport = (path: string): Promise<DownloadedFile> => apiDownload(path);
export const downloadTemplate = (type: ImportRuleType): Promise<DownloadedFile> => apiDownload(`/api/catalog/imports/template?ruleType=${type}`);
