import type { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type BinaryOperator,
  ExpressionError,
  type ExpressionErrorCode,
  evaluateExpression,
  expressionVariables,
  MAX_EXPRESSION_DEPTH,
  parseExpression,
  roundToDigits,
} from './expression.ts';
import { Dec } from './money.ts';

const VARIABLES = { base: '2990', index: '118.3', quantity: 3, INDEX_SYNTEC: '282.6', zero: '0', neg: '-12.5' };

function errorCode(run: () => unknown): ExpressionErrorCode | 'none' {
  try {
    run();
    return 'none';
  } catch (error) {
    if (error instanceof ExpressionError) return error.code;
    throw error;
  }
}

const value = (source: string, variables: Record<string, string | number> = VARIABLES) =>
  evaluateExpression(source, variables).toString();

describe('evaluateExpression', () => {
  it('computes with exact decimals and the usual precedence', () => {
    expect(value('0.1 + 0.2')).toBe('0.3');
    expect(value('1 + 2 * 3')).toBe('7');
    expect(value('(1 + 2) * 3')).toBe('9');
    expect(value('10 - 4 - 3')).toBe('3');
    expect(value('100 / 10 / 5')).toBe('2');
    expect(value('-2 * 3')).toBe('-6');
    expect(value('2 * -3')).toBe('-6');
    expect(value('- -4')).toBe('4');
    // Division keeps 60 significant digits (not exact rationals): round where the formula means money.
    expect(value('1 / 3 * 3')).toBe(`0.${'9'.repeat(60)}`);
    expect(value('round(1 / 3 * 3, 2)')).toBe('1');
  });

  it('reads the caller’s variables', () => {
    expect(value('base * INDEX_SYNTEC / 282.6')).toBe('2990');
    expect(value('round(base * index / 100, 0)')).toBe('3537');
    expect(value('base * quantity')).toBe('8970');
    expect(value('neg + 0.5')).toBe('-12');
  });

  it('has min, max, round, ceil, floor and abs', () => {
    expect(value('min(3, 1, 2)')).toBe('1');
    expect(value('MAX(3, 1, 2)')).toBe('3');
    expect(value('round(2.5)')).toBe('3');
    expect(value('round(-2.5)')).toBe('-3');
    expect(value('round(1.2345, 2)')).toBe('1.23');
    expect(value('round(1.235, 2)')).toBe('1.24');
    expect(value('round(1250, -2)')).toBe('1300');
    expect(value('ceil(1.01)')).toBe('2');
    expect(value('floor(-1.5)')).toBe('-2');
    expect(value('abs(neg)')).toBe('12.5');
  });

  it('names the fault and where it is', () => {
    const cases: [string, ExpressionErrorCode, number][] = [
      ['base * foo', 'unknown_identifier', 7],
      ['1 / (base - 2990)', 'division_by_zero', 2],
      ['1 / zero', 'division_by_zero', 2],
      ['1 +', 'syntax', 3],
      ['(1 + 2', 'syntax', 6],
      ['1 + 2)', 'syntax', 5],
      ['2 ^ 3', 'syntax', 2],
      ['1.2.3', 'syntax', 0],
      ['.5', 'syntax', 0],
      ['12abc', 'syntax', 0],
      ['sqrt(4)', 'unknown_function', 0],
      ['round()', 'arity', 0],
      ['ceil(1, 2)', 'arity', 0],
      ['round(1, 0.5)', 'invalid_argument', 0],
      ['round(1, 99)', 'invalid_argument', 0],
      ['', 'syntax', 0],
      ['constructor', 'unknown_identifier', 0],
      ['__proto__ + 1', 'unknown_identifier', 0],
      ['1,2', 'syntax', 1],
    ];
    for (const [source, code, position] of cases) {
      let caught: unknown;
      try {
        evaluateExpression(source, VARIABLES);
      } catch (error) {
        caught = error;
      }
      expect(caught, source).toBeInstanceOf(ExpressionError);
      expect((caught as ExpressionError).code, source).toBe(code);
      expect((caught as ExpressionError).position, source).toBe(position);
      expect((caught as ExpressionError).message, source).toMatch(/position \d+/);
    }
  });

  it('refuses over-long and over-deep input', () => {
    expect(errorCode(() => evaluateExpression(`${'1+'.repeat(250)}1`))).toBe('too_long');
    const nest = (n: number) => `${'('.repeat(n)}1${')'.repeat(n)}`;
    expect(value(nest(MAX_EXPRESSION_DEPTH))).toBe('1');
    expect(errorCode(() => evaluateExpression(nest(MAX_EXPRESSION_DEPTH + 1)))).toBe('too_deep');
    expect(errorCode(() => evaluateExpression(`${'-'.repeat(MAX_EXPRESSION_DEPTH + 1)}1`))).toBe('too_deep');
    expect(errorCode(() => evaluateExpression(`${'abs('.repeat(MAX_EXPRESSION_DEPTH + 1)}1${')'.repeat(MAX_EXPRESSION_DEPTH + 1)}`))).toBe(
      'too_deep',
    );
    expect(errorCode(() => evaluateExpression('('.repeat(500)))).toBe('too_deep');
  });

  it('refuses variables that are not decimals', () => {
    expect(errorCode(() => evaluateExpression('x + 1', { x: '1e3' }))).toBe('invalid_variable');
    expect(errorCode(() => evaluateExpression('x + 1', { x: Number.NaN }))).toBe('invalid_variable');
  });

  it('lists the variables an expression reads', () => {
    expect(expressionVariables(parseExpression('round(base * index / b0, 2) + base - min(x, 1)'))).toEqual(['b0', 'base', 'index', 'x']);
  });
});

describe('expression fuzzing', () => {
  const tokens = ['1', '2.5', '0', '10', '(', ')', '+', '-', '*', '/', ',', ' ', 'min(', 'max(', 'round(', 'ceil(', 'floor(', 'base', 'x', 'zero', '.', '^', 'é'];
  const soup = fc.array(fc.constantFrom(...tokens), { maxLength: 200 }).map((parts) => parts.join(''));
  const anyText = fc.oneof(soup, fc.string({ maxLength: 600 }), fc.string({ unit: 'binary', maxLength: 100 }));

  it('only ever throws ExpressionError, and answers fast', () => {
    fc.assert(
      fc.property(anyText, (source) => {
        const started = performance.now();
        try {
          const result = evaluateExpression(source, VARIABLES);
          expect(result.isFinite()).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(ExpressionError);
        }
        expect(performance.now() - started).toBeLessThan(250);
      }),
      { numRuns: 3000 },
    );
  });

  // A tree generator, three renderings of each tree, and a reference fold computed directly on the tree.
  type Tree =
    | { t: 'num'; text: string }
    | { t: 'var'; name: keyof typeof VARIABLES }
    | { t: 'neg'; x: Tree }
    | { t: 'bin'; op: BinaryOperator; l: Tree; r: Tree }
    | { t: 'fn'; name: 'min' | 'max' | 'ceil' | 'floor' | 'abs'; args: Tree[] }
    | { t: 'round'; x: Tree; digits: number };

  const number = fc
    .tuple(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: 3 }))
    .map(([n, scale]) => (scale === 0 ? String(n) : new Dec(n).div(10 ** scale).toFixed(scale)));
  const { tree } = fc.letrec<{ tree: Tree }>((self) => ({
    tree: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      number.map((text): Tree => ({ t: 'num', text })),
      fc.constantFrom(...(Object.keys(VARIABLES) as (keyof typeof VARIABLES)[])).map((name): Tree => ({ t: 'var', name })),
      self('tree').map((x): Tree => ({ t: 'neg', x })),
      fc
        .tuple(fc.constantFrom<BinaryOperator>('+', '-', '*', '/'), self('tree'), self('tree'))
        .map(([op, l, r]): Tree => ({ t: 'bin', op, l, r })),
      fc
        .tuple(fc.constantFrom('min' as const, 'max' as const), fc.array(self('tree'), { minLength: 1, maxLength: 3 }))
        .map(([name, args]): Tree => ({ t: 'fn', name, args })),
      fc.tuple(fc.constantFrom('ceil' as const, 'floor' as const, 'abs' as const), self('tree')).map(([name, x]): Tree => ({ t: 'fn', name, args: [x] })),
      fc.tuple(self('tree'), fc.integer({ min: -2, max: 4 })).map(([x, digits]): Tree => ({ t: 'round', x, digits })),
    ),
  }));

  const DIVISION_BY_ZERO = Symbol('division by zero');
  function reference(node: Tree): Decimal {
    switch (node.t) {
      case 'num':
        return new Dec(node.text);
      case 'var':
        return new Dec(VARIABLES[node.name]);
      case 'neg':
        return reference(node.x).negated();
      case 'bin': {
        const l = reference(node.l);
        const r = reference(node.r);
        if (node.op === '+') return l.plus(r);
        if (node.op === '-') return l.minus(r);
        if (node.op === '*') return l.times(r);
        if (r.isZero()) throw DIVISION_BY_ZERO;
        return l.div(r);
      }
      case 'fn': {
        const args = node.args.map(reference);
        if (node.name === 'min') return Dec.min(...args);
        if (node.name === 'max') return Dec.max(...args);
        const x = args[0] as Decimal;
        return node.name === 'ceil' ? x.ceil() : node.name === 'floor' ? x.floor() : x.abs();
      }
      case 'round':
        return roundToDigits(reference(node.x), node.digits);
    }
  }

  const PREC: Record<BinaryOperator, number> = { '+': 1, '-': 1, '*': 2, '/': 2 };
  function render(node: Tree, style: 'compact' | 'spaced' | 'full', parent = 0, right = false): string {
    const sp = style === 'compact' ? '' : ' ';
    switch (node.t) {
      case 'num':
        return node.text;
      case 'var':
        return node.name;
      case 'neg': {
        const inner = `-${render(node.x, style, 3)}`;
        return style === 'full' ? `(${inner})` : inner;
      }
      case 'bin': {
        const p = PREC[node.op];
        const text = `${render(node.l, style, p)}${sp}${node.op}${sp}${render(node.r, style, p, true)}`;
        return style === 'full' || p < parent || (p === parent && right) ? `(${text})` : text;
      }
      case 'fn':
        return `${node.name}(${node.args.map((a) => render(a, style)).join(`,${sp}`)})`;
      case 'round':
        return `round(${render(node.x, style)},${sp}${node.digits})`;
    }
  }

  it('evaluates generated expressions like a direct evaluation of their tree', () => {
    fc.assert(
      fc.property(tree, (t) => {
        let expected: string;
        try {
          expected = reference(t).toString();
        } catch (error) {
          if (error !== DIVISION_BY_ZERO) throw error;
          expected = 'division_by_zero';
        }
        for (const style of ['compact', 'spaced', 'full'] as const) {
          const source = render(t, style);
          let actual: string;
          try {
            actual = evaluateExpression(source, VARIABLES).toString();
          } catch (error) {
            if (!(error instanceof ExpressionError)) throw error;
            if (error.code === 'too_long' || error.code === 'too_deep') continue;
            actual = error.code;
          }
          expect(actual, source).toBe(expected);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('agrees with exact integer arithmetic on +, − and ×', () => {
    type IntTree = { t: 'n'; v: bigint } | { t: 'b'; op: '+' | '-' | '*'; l: IntTree; r: IntTree } | { t: 'neg'; x: IntTree };
    const { int } = fc.letrec<{ int: IntTree }>((self) => ({
      int: fc.oneof(
        { depthSize: 'small' },
        fc.bigInt({ min: 0n, max: 10n ** 12n }).map((v): IntTree => ({ t: 'n', v })),
        fc.tuple(fc.constantFrom('+' as const, '-' as const, '*' as const), self('int'), self('int')).map(([op, l, r]): IntTree => ({ t: 'b', op, l, r })),
        self('int').map((x): IntTree => ({ t: 'neg', x })),
      ),
    }));
    const exact = (n: IntTree): bigint =>
      n.t === 'n' ? n.v : n.t === 'neg' ? -exact(n.x) : n.op === '+' ? exact(n.l) + exact(n.r) : n.op === '-' ? exact(n.l) - exact(n.r) : exact(n.l) * exact(n.r);
    const text = (n: IntTree): string => (n.t === 'n' ? n.v.toString() : n.t === 'neg' ? `(-${text(n.x)})` : `(${text(n.l)} ${n.op} ${text(n.r)})`);
    fc.assert(
      fc.property(int, (n) => {
        const source = text(n);
        fc.pre(source.length <= 500);
        const result = evaluateExpression(source);
        // Decimal keeps 60 significant digits: compare exactly when the result fits.
        const expected = exact(n);
        if ((expected < 0n ? -expected : expected).toString().length <= 60) expect(result.toFixed(0)).toBe(expected.toString());
      }),
      { numRuns: 1000 },
    );
  });
});
