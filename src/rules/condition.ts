/**
 * Sigma condition expressions → syntax tree.
 *
 * Grammar (Sigma rules specification 2.0, "Condition"; precedence from loosest to tightest: or, and, not,
 * `x of`, parentheses):
 *
 *   expr    := and ('or' and)*
 *   and     := unary ('and' unary)*
 *   unary   := 'not' unary | primary
 *   primary := '(' expr ')' | ('1' | 'any' | 'all') 'of' pattern | identifier
 *
 * Identifiers are letters, digits, `_` and `-` (as pySigma reads them); a pattern after `of` may also hold `*`
 * wildcards, or be `them`. Operators are lower-case, as in the specification. Aggregations (`| count() > 5`) are
 * the obsolete form of correlations and are rejected here; parse.ts reports them as unsupported.
 */
import { escapeRegExp } from './pattern.js';

export type ConditionNode =
  | { kind: 'and'; children: ConditionNode[] }
  | { kind: 'or'; children: ConditionNode[] }
  | { kind: 'not'; child: ConditionNode }
  | { kind: 'ref'; name: string }
  /** `1 of x*` / `any of x*` (quantifier 'any') or `all of x*`; pattern `them` means every selection. */
  | { kind: 'of'; quantifier: 'any' | 'all'; pattern: string };

export class ConditionSyntaxError extends Error {
  constructor(
    message: string,
    readonly condition: string,
    readonly position: number,
  ) {
    super(`condition '${condition}': ${message}`);
    this.name = 'ConditionSyntaxError';
  }
}

interface Token {
  text: string;
  at: number;
}

const WORD = /[A-Za-z0-9_\-*]/;
const IDENTIFIER = /^[A-Za-z0-9_-]+$/;
const PATTERN = /^[A-Za-z0-9_\-*]+$/;

export function parseCondition(condition: string): ConditionNode {
  const tokens = tokenize(condition);
  let pos = 0;

  const fail = (message: string, at = tokens[pos]?.at ?? condition.length): never => {
    throw new ConditionSyntaxError(message, condition, at);
  };
  const peek = (): string | undefined => tokens[pos]?.text;
  const describe = (token: Token | undefined): string => (token ? `'${token.text}'` : 'the end');

  const parseOr = (): ConditionNode => {
    const children = [parseAnd()];
    while (peek() === 'or') {
      pos++;
      children.push(parseAnd());
    }
    return children.length === 1 ? children[0]! : { kind: 'or', children };
  };

  const parseAnd = (): ConditionNode => {
    const children = [parseUnary()];
    while (peek() === 'and') {
      pos++;
      children.push(parseUnary());
    }
    return children.length === 1 ? children[0]! : { kind: 'and', children };
  };

  const parseUnary = (): ConditionNode => {
    if (peek() === 'not') {
      pos++;
      return { kind: 'not', child: parseUnary() };
    }
    return parsePrimary();
  };

  const parsePrimary = (): ConditionNode => {
    const token = tokens[pos];
    if (!token)
      return fail('expected a selection name, "not", "(" or "1 of"/"all of", but the condition ends');
    const { text } = token;
    if (text === '(') {
      pos++;
      const inner = parseOr();
      if (peek() !== ')')
        fail(`expected ')' to close the '(' at position ${token.at}, found ${describe(tokens[pos])}`);
      pos++;
      return inner;
    }
    if (text === ')') return fail("unexpected ')'", token.at);
    if (text === 'and' || text === 'or') return fail(`'${text}' needs an expression before it`, token.at);
    if (tokens[pos + 1]?.text === 'of') {
      if (text !== '1' && text !== 'any' && text !== 'all') {
        return fail(`'${text} of' is not supported: use '1 of' (or 'any of') or 'all of'`, token.at);
      }
      pos += 2;
      const pattern = tokens[pos];
      if (!pattern || !PATTERN.test(pattern.text) || isOperator(pattern.text)) {
        return fail(
          `expected a selection name pattern or 'them' after '${text} of', found ${describe(pattern)}`,
        );
      }
      pos++;
      return { kind: 'of', quantifier: text === 'all' ? 'all' : 'any', pattern: pattern.text };
    }
    if (text === 'of') return fail("'of' must follow '1', 'any' or 'all'", token.at);
    if (text.includes('*')) {
      return fail(`wildcard '*' in '${text}' is only allowed after '1 of' or 'all of'`, token.at);
    }
    if (!IDENTIFIER.test(text)) return fail(`'${text}' is not a selection name`, token.at);
    if (text === 'them') return fail("'them' is only allowed after '1 of' or 'all of'", token.at);
    pos++;
    return { kind: 'ref', name: text };
  };

  if (tokens.length === 0) fail('the condition is empty', 0);
  const tree = parseOr();
  if (pos < tokens.length) {
    const token = tokens[pos]!;
    const previous = tokens[pos - 1]!;
    const upperCase = [token, previous].some((t) => /^(AND|OR|NOT|And|Or|Not)$/.test(t.text));
    fail(
      token.text === ')'
        ? "unexpected ')' (no matching '(')"
        : `expected 'and', 'or' or the end after '${previous.text}', found '${token.text}'` +
            (upperCase ? ' (operators are lower-case: and, or, not)' : ''),
      token.at,
    );
  }
  return tree;
}

function isOperator(text: string): boolean {
  return text === 'and' || text === 'or' || text === 'not' || text === 'of';
}

function tokenize(condition: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < condition.length) {
    const c = condition[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(' || c === ')') {
      tokens.push({ text: c, at: i });
      i++;
    } else if (WORD.test(c)) {
      const start = i;
      while (i < condition.length && WORD.test(condition[i]!)) i++;
      tokens.push({ text: condition.slice(start, i), at: start });
    } else if (c === '|') {
      throw new ConditionSyntaxError(
        "aggregations ('| count() ...') are the obsolete form of Sigma correlations and are not supported",
        condition,
        i,
      );
    } else {
      throw new ConditionSyntaxError(`unexpected character '${c}' at position ${i}`, condition, i);
    }
  }
  return tokens;
}

/** Selection names that `1 of <pattern>` / `all of <pattern>` refer to: `*` is any run of characters, `them` is
 * everything; names starting with `_` are left out (Sigma specification and pySigma). */
export function resolvePattern(pattern: string, names: readonly string[]): string[] {
  const candidates = names.filter((name) => !name.startsWith('_'));
  if (pattern === 'them') return candidates;
  const regex = new RegExp(`^${pattern.split('*').map(escapeRegExp).join('.*')}$`);
  return candidates.filter((name) => regex.test(name));
}
