/**
 * A small, safe arithmetic language for indexed prices (`round(base * INDEX_SYNTEC / 282.6, 0)`): decimal literals,
 * caller-provided identifiers, + − × ÷, unary minus, parentheses and min/max/round/ceil/floor/abs. It is parsed by a
 * recursive-descent parser (never `eval` or `Function`) and evaluated with Decimal, so `0.1 + 0.2` is exactly `0.3`.
 * Every failure is an ExpressionError with the position (0-based character offset) of the fault.
 */
import { Decimal } from 'decimal.js';
import { Dec } from './money.ts';

export const MAX_EXPRESSION_LENGTH = 500;
export const MAX_EXPRESSION_DEPTH = 32;
/** `round(x, digits)` accepts digits in this range (negative rounds to tens, hundreds…). */
export const ROUND_DIGITS = { min: -9, max: 20 } as const;

export type ExpressionErrorCode =
  | 'syntax'
  | 'too_long'
  | 'too_deep'
  | 'unknown_identifier'
  | 'unknown_function'
  | 'arity'
  | 'division_by_zero'
  | 'invalid_argument'
  | 'invalid_variable';

export class ExpressionError extends Error {
  constructor(
    readonly code: ExpressionErrorCode,
    message: string,
    readonly position: number,
  ) {
    super(`${message} (position ${position})`);
    this.name = 'ExpressionError';
  }
}

export type BinaryOperator = '+' | '-' | '*' | '/';
export type FunctionName = 'min' | 'max' | 'round' | 'ceil' | 'floor' | 'abs';

export type ExpressionNode =
  | { kind: 'number'; value: string; position: number }
  | { kind: 'variable'; name: string; position: number }
  | { kind: 'negate'; operand: ExpressionNode; position: number }
  | { kind: 'binary'; operator: BinaryOperator; left: ExpressionNode; right: ExpressionNode; position: number }
  | { kind: 'call'; name: FunctionName; args: ExpressionNode[]; position: number };

const ARITY: Readonly<Record<FunctionName, readonly [number, number]>> = {
  min: [1, Number.POSITIVE_INFINITY],
  max: [1, Number.POSITIVE_INFINITY],
  round: [1, 2],
  ceil: [1, 1],
  floor: [1, 1],
  abs: [1, 1],
};

function isFunctionName(name: string): name is FunctionName {
  return Object.hasOwn(ARITY, name);
}

type TokenType = 'number' | 'identifier' | 'operator' | '(' | ')' | ',' | 'end';
interface Token {
  type: TokenType;
  text: string;
  position: number;
}

const NUMBER = /\d+(?:\.\d+)?/y;
const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_]*/y;

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const char = source.charAt(i);
    if (char === ' ' || char === '\t' || char === '\n' || char === '\r') {
      i += 1;
      continue;
    }
    if (char >= '0' && char <= '9') {
      NUMBER.lastIndex = i;
      const text = NUMBER.exec(source)?.[0] ?? char;
      const next = source.charAt(i + text.length);
      if (next === '.' || /[A-Za-z_]/.test(next)) {
        throw new ExpressionError('syntax', `Nombre mal formé près de « ${source.slice(i, i + text.length + 1)} »`, i);
      }
      tokens.push({ type: 'number', text, position: i });
      i += text.length;
      continue;
    }
    if (/[A-Za-z_]/.test(char)) {
      IDENTIFIER.lastIndex = i;
      const text = IDENTIFIER.exec(source)?.[0] ?? char;
      tokens.push({ type: 'identifier', text, position: i });
      i += text.length;
      continue;
    }
    if (char === '+' || char === '-' || char === '*' || char === '/') {
      tokens.push({ type: 'operator', text: char, position: i });
    } else if (char === '(' || char === ')' || char === ',') {
      tokens.push({ type: char, text: char, position: i });
    } else {
      const shown = source.codePointAt(i) === undefined ? char : String.fromCodePoint(source.codePointAt(i) as number);
      throw new ExpressionError('syntax', `Caractère inattendu « ${shown} »`, i);
    }
    i += 1;
  }
  tokens.push({ type: 'end', text: '', position: source.length });
  return tokens;
}

class Parser {
  private index = 0;
  private depth = 0;

  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.index] ?? this.tokens[this.tokens.length - 1]!;
  }

  private next(): Token {
    const token = this.peek();
    if (token.type !== 'end') this.index += 1;
    return token;
  }

  private enter(position: number): void {
    this.depth += 1;
    if (this.depth > MAX_EXPRESSION_DEPTH) {
      throw new ExpressionError('too_deep', `Expression trop imbriquée (plus de ${MAX_EXPRESSION_DEPTH} niveaux)`, position);
    }
  }

  private leave(): void {
    this.depth -= 1;
  }

  private unexpected(token: Token): ExpressionError {
    return token.type === 'end'
      ? new ExpressionError('syntax', 'Expression incomplète', token.position)
      : new ExpressionError('syntax', `Symbole inattendu « ${token.text} »`, token.position);
  }

  private expect(type: TokenType): Token {
    const token = this.peek();
    if (token.type !== type) {
      if (type === ')' && token.type === 'end') {
        throw new ExpressionError('syntax', 'Parenthèse fermante manquante', token.position);
      }
      throw this.unexpected(token);
    }
    return this.next();
  }

  parse(): ExpressionNode {
    const node = this.sum();
    const rest = this.peek();
    if (rest.type !== 'end') throw this.unexpected(rest);
    return node;
  }

  private sum(): ExpressionNode {
    let left = this.product();
    for (;;) {
      const token = this.peek();
      if (token.type !== 'operator' || (token.text !== '+' && token.text !== '-')) return left;
      this.next();
      left = { kind: 'binary', operator: token.text, left, right: this.product(), position: token.position };
    }
  }

  private product(): ExpressionNode {
    let left = this.unary();
    for (;;) {
      const token = this.peek();
      if (token.type !== 'operator' || (token.text !== '*' && token.text !== '/')) return left;
      this.next();
      left = { kind: 'binary', operator: token.text, left, right: this.unary(), position: token.position };
    }
  }

  private unary(): ExpressionNode {
    const token = this.peek();
    if (token.type === 'operator' && token.text === '-') {
      this.next();
      this.enter(token.position);
      const operand = this.unary();
      this.leave();
      return { kind: 'negate', operand, position: token.position };
    }
    return this.primary();
  }

  private primary(): ExpressionNode {
    const token = this.next();
    if (token.type === 'number') return { kind: 'number', value: token.text, position: token.position };
    if (token.type === '(') {
      this.enter(token.position);
      const inner = this.sum();
      this.expect(')');
      this.leave();
      return inner;
    }
    if (token.type === 'identifier') {
      if (this.peek().type !== '(') return { kind: 'variable', name: token.text, position: token.position };
      const name = token.text.toLowerCase();
      if (!isFunctionName(name)) {
        throw new ExpressionError('unknown_function', `Fonction inconnue « ${token.text} » (min, max, round, ceil, floor, abs)`, token.position);
      }
      this.next();
      this.enter(token.position);
      const args: ExpressionNode[] = [];
      if (this.peek().type !== ')') {
        args.push(this.sum());
        while (this.peek().type === ',') {
          this.next();
          args.push(this.sum());
        }
      }
      this.expect(')');
      this.leave();
      const [min, max] = ARITY[name];
      if (args.length < min || args.length > max) {
        const expected = max === min ? `${min}` : max === Number.POSITIVE_INFINITY ? `au moins ${min}` : `${min} à ${max}`;
        throw new ExpressionError('arity', `${name}() attend ${expected} argument(s), reçu ${args.length}`, token.position);
      }
      return { kind: 'call', name, args, position: token.position };
    }
    throw this.unexpected(token);
  }
}

/** Parses `source` into a tree, or throws an ExpressionError (too long, too deep, bad syntax, unknown function). */
export function parseExpression(source: string): ExpressionNode {
  if (typeof source !== 'string') throw new ExpressionError('syntax', 'Expression absente', 0);
  if (source.length > MAX_EXPRESSION_LENGTH) {
    throw new ExpressionError('too_long', `Expression trop longue (plus de ${MAX_EXPRESSION_LENGTH} caractères)`, MAX_EXPRESSION_LENGTH);
  }
  return new Parser(tokenize(source)).parse();
}

/** The identifiers an expression reads, sorted and without duplicates. */
export function expressionVariables(node: ExpressionNode): string[] {
  const names = new Set<string>();
  const walk = (n: ExpressionNode): void => {
    switch (n.kind) {
      case 'variable':
        names.add(n.name);
        return;
      case 'negate':
        walk(n.operand);
        return;
      case 'binary':
        walk(n.left);
        walk(n.right);
        return;
      case 'call':
        for (const arg of n.args) walk(arg);
        return;
      case 'number':
        return;
    }
  };
  walk(node);
  return [...names].sort();
}

export type VariableValue = Decimal | string | number;
export type ExpressionVariables = Readonly<Record<string, VariableValue>>;

const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;

function variableValue(variables: ExpressionVariables, node: { name: string; position: number }): Decimal {
  if (!Object.hasOwn(variables, node.name)) {
    throw new ExpressionError('unknown_identifier', `Identifiant inconnu « ${node.name} »`, node.position);
  }
  const raw = variables[node.name];
  if (Decimal.isDecimal(raw) && raw.isFinite()) return new Dec(raw);
  if (typeof raw === 'number' && Number.isFinite(raw)) return new Dec(raw);
  if (typeof raw === 'string' && raw.length <= 100 && PLAIN_DECIMAL.test(raw)) return new Dec(raw);
  throw new ExpressionError('invalid_variable', `La variable « ${node.name} » n’est pas un nombre décimal`, node.position);
}

function integerArgument(value: Decimal, position: number): number {
  if (!value.isInteger() || value.lt(ROUND_DIGITS.min) || value.gt(ROUND_DIGITS.max)) {
    throw new ExpressionError(
      'invalid_argument',
      `round() attend un nombre de décimales entier entre ${ROUND_DIGITS.min} et ${ROUND_DIGITS.max}`,
      position,
    );
  }
  return value.toNumber();
}

/** Rounds half-up (ties away from zero) to `digits` decimals; negative digits round to tens, hundreds… */
export function roundToDigits(value: Decimal, digits: number): Decimal {
  if (digits >= 0) return value.toDecimalPlaces(digits, Decimal.ROUND_HALF_UP);
  const scale = new Dec(10).pow(-digits);
  return value.div(scale).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).times(scale);
}

function evaluateNode(node: ExpressionNode, variables: ExpressionVariables): Decimal {
  switch (node.kind) {
    case 'number':
      return new Dec(node.value);
    case 'variable':
      return variableValue(variables, node);
    case 'negate':
      return evaluateNode(node.operand, variables).negated();
    case 'binary': {
      const left = evaluateNode(node.left, variables);
      const right = evaluateNode(node.right, variables);
      switch (node.operator) {
        case '+':
          return left.plus(right);
        case '-':
          return left.minus(right);
        case '*':
          return left.times(right);
        case '/':
          if (right.isZero()) throw new ExpressionError('division_by_zero', 'Division par zéro', node.position);
          return left.div(right);
      }
      break;
    }
    case 'call': {
      const args = node.args.map((arg) => evaluateNode(arg, variables));
      const first = args[0] as Decimal;
      switch (node.name) {
        case 'min':
          return args.reduce((a, b) => (b.lt(a) ? b : a));
        case 'max':
          return args.reduce((a, b) => (b.gt(a) ? b : a));
        case 'round':
          return roundToDigits(first, args[1] === undefined ? 0 : integerArgument(args[1], node.position));
        case 'ceil':
          return first.ceil();
        case 'floor':
          return first.floor();
        case 'abs':
          return first.abs();
      }
    }
  }
  throw new ExpressionError('syntax', 'Nœud d’expression inconnu', 0);
}

/**
 * Evaluates an expression (source text or parsed tree) with the given variables (Decimal, plain decimal strings or
 * finite numbers). Unknown identifiers, division by zero and bad arguments are ExpressionErrors.
 */
export function evaluateExpression(expression: string | ExpressionNode, variables: ExpressionVariables = {}): Decimal {
  const node = typeof expression === 'string' ? parseExpression(expression) : expression;
  const value = evaluateNode(node, variables);
  if (!value.isFinite()) throw new ExpressionError('invalid_argument', 'Résultat non fini', 0);
  return value;
}
