// Pure helpers of the policy review form, shared by the journey and the back-office (tested in reviewFormat.test.ts).

/** Green from 85, orange from 60, red below: the thresholds the advisor reads the badges by. */
export function confidenceColor(confidence: number | null | undefined): string {
  if (confidence === null || confidence === undefined) return 'gray';
  if (confidence >= 85) return 'green';
  if (confidence >= 60) return 'orange';
  return 'red';
}

/** "1'234.50", "1234,5", "185.–" → centimes, by string arithmetic; undefined when it is not an amount. */
export function parseAmountInput(text: string): number | undefined {
  const clean = text.trim().replace(/['’\s]/g, '').replace(/[.,][-–]$/, '');
  const match = /^(\d{1,10})(?:[.,](\d{1,2}))?$/.exec(clean);
  if (!match) return undefined;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0') || '0');
}

export function formatAmountInput(minor: number): string {
  return `${Math.trunc(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;
}
