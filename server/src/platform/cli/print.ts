import type { DemoSeedReport } from '../module.ts';
import type { DemoSeedOutcome } from '../seed/seed-demo.ts';

export function printSeedReport(reports: DemoSeedOutcome['reports']): void {
  if (reports.length === 0) {
    console.log('  No module provides demo data yet.');
    return;
  }
  for (const { module, report } of reports) {
    for (const line of report.lines) console.log(`  [${module}] ${line}`);
  }
}

export function printLogins(logins: NonNullable<DemoSeedReport['logins']>): void {
  if (logins.length === 0) return;
  console.log('  Demo logins:');
  const width = Math.max(...logins.map((l) => l.email.length));
  for (const login of logins) {
    console.log(`    ${login.email.padEnd(width)}  ${login.password}  (${login.workspace}, ${login.role})`);
  }
}
