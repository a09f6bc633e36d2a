import { defineConfig } from 'drizzle-kit';

// Migrations are generated from the module schemas and committed; hand-written SQL
// (extensions, exclusion constraints, tsvector columns) uses `drizzle-kit generate --custom`.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/platform/db/schema.ts',
  out: './drizzle',
  schemaFilter: ['platform', 'identity', 'catalog', 'pricing', 'sales', 'payments', 'invoicing', 'notifications', 'signature', 'documents', 'accounting', 'commissions'],
});
