/** A merchant's balance series, in the order money moves: pending → available → paid. */
export const balanceSeries = [
  { name: 'pending', color: 'yellow.6' },
  { name: 'available', color: 'teal.6' },
  { name: 'paid', color: 'gray.5' },
] as const;
