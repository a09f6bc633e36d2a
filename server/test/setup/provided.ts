declare module 'vitest' {
  export interface ProvidedContext {
    /** Engine of the current project's integration tests. */
    dbEngine: 'pglite' | 'postgres';
    /** PGlite: path of a migrated cluster image every test file loads its own copy of. */
    pgliteTemplate: string;
    /** PostgreSQL: server URL and the migrated template database to clone per test file. */
    postgresUrl: string;
    postgresTemplate: string;
    /** Browser suite: whether Chromium is here (false only when not required). */
    chromium: boolean;
  }
}
export {};
