/** fast-check arbitraries shared by the engine's property tests (test code only). */
import fc from 'fast-check';
import { ROLES, type SplitPlan } from '../split.ts';

/** Random plans whose shares are exact decimals summing to 1 (thousandths). */
export const splitPlan: fc.Arbitrary<SplitPlan> = fc
  .subarray([...ROLES], { minLength: 1 })
  .chain((roles) => fc.tuple(fc.constant(roles), fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: roles.length, maxLength: roles.length })))
  .map(([roles, weights]) => {
    const total = weights.reduce((a, b) => a + b, 0) || 1;
    const thousandths = weights.map((w) => Math.floor((w * 1000) / total));
    thousandths[0]! += 1000 - thousandths.reduce((a, b) => a + b, 0);
    return Object.fromEntries(roles.map((role, i) => [role, String(thousandths[i]! / 1000)])) as SplitPlan;
  });
