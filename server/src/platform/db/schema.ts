/**
 * The whole database schema: every module's tables, gathered for Drizzle and
 * drizzle-kit. A module adds its `schema.ts` here and generates a migration.
 */
export * from '../schema.ts';
export * from '../../identity/schema.ts';
export * from '../../catalog/schema.ts';
export * from '../../catalog/import-export/schema.ts';
export * from '../../sales/schema.ts';
export * from '../../sales/journeys/schema.ts';
export * from '../../notifications/schema.ts';
export * from '../../payments/schema.ts';
export * from '../../invoicing/schema.ts';
export * from '../../signature/schema.ts';
export * from '../../documents/schema.ts';
export * from '../../accounting/schema.ts';
export * from '../../commissions/schema.ts';
