import { malformed, type SoqlToken, tokenizeSoql } from './soql-lexer';
import {
  type ComparisonOperator,
  type SoqlCondition,
  type SoqlLiteral,
  type SoqlOrdering,
  type SoqlQuery,
} from './soql.types';

const RESERVED = new Set([
  'select',
  'from',
  'where',
  'and',
  'or',
  'not',
  'in',
  'like',
  'order',
  'by',
  'limit',
  'asc',
  'desc',
  'nulls',
  'first',
  'last',
  'null',
  'true',
  'false',
  'count',
  'offset',
  'group',
  'having',
  'typeof',
  'with',
  'for',
  'using',
  'includes',
  'excludes',
]);
const UNSUPPORTED_CLAUSES = new Set([
  'group',
  'having',
  'offset',
  'typeof',
  'with',
  'for',
  'using',
]);

/**
 * Recursive-descent parser for the SOQL a replication client sends: field lists, COUNT(),
 * WHERE with AND/OR/NOT and parentheses, comparisons, IN, LIKE, ORDER BY, LIMIT. Anything else
 * is MALFORMED_QUERY, as Salesforce reports a syntax it cannot take.
 */
export function parseSoql(soql: string): SoqlQuery {
  return new SoqlParser(tokenizeSoql(soql)).parseQuery();
}

class SoqlParser {
  private position = 0;

  constructor(private readonly tokens: readonly SoqlToken[]) {}

  parseQuery(): SoqlQuery {
    this.expectKeyword('select');
    const select = this.parseSelectList();
    this.expectKeyword('from');
    const from = this.expectName('object name');
    let where: SoqlCondition | undefined;
    let orderBy: SoqlOrdering[] = [];
    let limit: number | undefined;
    if (this.acceptKeyword('where')) where = this.parseCondition();
    if (this.acceptKeyword('order')) {
      this.expectKeyword('by');
      orderBy = this.parseOrderBy();
    }
    if (this.acceptKeyword('limit')) limit = this.parseLimit();
    const next = this.peek();
    if (next.kind !== 'end') {
      if (UNSUPPORTED_CLAUSES.has(next.text.toLowerCase())) {
        throw malformed(`${next.text.toUpperCase()} is not supported by the sandbox's SOQL subset`);
      }
      throw this.unexpected(next);
    }
    return { select, from, where, orderBy, limit };
  }

  private parseSelectList(): SoqlQuery['select'] {
    if (this.peekKeyword('count') && this.peek(1).text === '(') {
      this.position += 2;
      if (this.peek().text !== ')')
        throw malformed('COUNT(field) is not supported by the sandbox; use COUNT()');
      this.position++;
      return { kind: 'count' };
    }
    const fields = [this.expectField()];
    while (this.acceptPunct(',')) fields.push(this.expectField());
    return { kind: 'fields', fields };
  }

  /** One level holds only ANDs or only ORs: SOQL refuses `a AND b OR c` without parentheses. */
  private parseCondition(): SoqlCondition {
    const first = this.parseUnary();
    const connective = this.peekKeyword('and') ? 'and' : this.peekKeyword('or') ? 'or' : undefined;
    if (!connective) return first;
    const items = [first];
    while (this.acceptKeyword(connective)) items.push(this.parseUnary());
    const other = connective === 'and' ? 'or' : 'and';
    if (this.peekKeyword(other)) throw this.unexpected(this.peek());
    return connective === 'and' ? { kind: 'and', items } : { kind: 'or', items };
  }

  private parseUnary(): SoqlCondition {
    if (this.acceptKeyword('not')) return { kind: 'not', item: this.parseUnary() };
    if (this.acceptPunct('(')) {
      const inner = this.parseCondition();
      this.expectPunct(')');
      return inner;
    }
    return this.parsePredicate();
  }

  private parsePredicate(): SoqlCondition {
    const field = this.expectField();
    if (this.acceptKeyword('like')) {
      const token = this.next();
      if (token.kind !== 'string') throw this.unexpected(token);
      return { kind: 'like', field, pattern: token.value };
    }
    const negated = this.acceptKeyword('not');
    if (this.acceptKeyword('in')) {
      this.expectPunct('(');
      if (this.peekKeyword('select'))
        throw malformed('semi-join subqueries are not supported by the sandbox');
      const values = [this.parseLiteral()];
      while (this.acceptPunct(',')) values.push(this.parseLiteral());
      this.expectPunct(')');
      return { kind: 'in', field, negated, values };
    }
    if (negated) throw this.unexpected(this.peek());
    const token = this.next();
    if (token.kind !== 'operator') throw this.unexpected(token);
    const operator = (token.text === '<>' ? '!=' : token.text) as ComparisonOperator;
    return { kind: 'compare', field, operator, value: this.parseLiteral() };
  }

  private parseLiteral(): SoqlLiteral {
    const token = this.next();
    switch (token.kind) {
      case 'string':
        return { kind: 'string', value: token.value };
      case 'number':
        return { kind: 'number', value: Number(token.text) };
      case 'datetime':
        return { kind: 'datetime', epochMs: Date.parse(token.text), text: token.text };
      case 'date':
        return { kind: 'date', value: token.text };
      case 'word': {
        const word = token.text.toLowerCase();
        if (word === 'null') return { kind: 'null' };
        if (word === 'true' || word === 'false') return { kind: 'boolean', value: word === 'true' };
        throw malformed(
          `date literals and bind variables such as '${token.text}' are not supported by the sandbox`,
        );
      }
      case 'operator':
      case 'punct':
      case 'end':
        throw this.unexpected(token);
    }
  }

  private parseOrderBy(): SoqlOrdering[] {
    const orderings: SoqlOrdering[] = [];
    do {
      const field = this.expectField();
      const descending = this.acceptKeyword('desc');
      if (!descending) this.acceptKeyword('asc');
      // Salesforce's default: nulls first ascending, nulls last descending
      let nullsLast = descending;
      if (this.acceptKeyword('nulls')) {
        if (this.acceptKeyword('last')) nullsLast = true;
        else {
          this.expectKeyword('first');
          nullsLast = false;
        }
      }
      orderings.push({ field, descending, nullsLast });
    } while (this.acceptPunct(','));
    return orderings;
  }

  private parseLimit(): number {
    const token = this.next();
    if (token.kind !== 'number' || !/^\d+$/.test(token.text)) throw this.unexpected(token);
    return Number(token.text);
  }

  private expectField(): string {
    const name = this.expectName('field name');
    if (name.includes('.'))
      throw malformed(`relationship fields such as '${name}' are not supported by the sandbox`);
    return name;
  }

  private expectName(what: string): string {
    const token = this.next();
    if (token.kind !== 'word' || RESERVED.has(token.text.toLowerCase())) {
      throw malformed(
        `expecting a ${what}, found '${token.text || 'end of query'}' at column ${token.column}`,
      );
    }
    return token.text;
  }

  private expectKeyword(keyword: string): void {
    if (!this.acceptKeyword(keyword)) {
      const token = this.peek();
      throw malformed(
        `expecting '${keyword.toUpperCase()}', found '${token.text || 'end of query'}' at column ${token.column}`,
      );
    }
  }

  private acceptKeyword(keyword: string): boolean {
    if (!this.peekKeyword(keyword)) return false;
    this.position++;
    return true;
  }

  private peekKeyword(keyword: string): boolean {
    const token = this.peek();
    return token.kind === 'word' && token.text.toLowerCase() === keyword;
  }

  private acceptPunct(text: string): boolean {
    if (this.peek().text !== text || this.peek().kind !== 'punct') return false;
    this.position++;
    return true;
  }

  private expectPunct(text: string): void {
    if (!this.acceptPunct(text)) throw this.unexpected(this.peek());
  }

  private peek(offset = 0): SoqlToken {
    const token = this.tokens[Math.min(this.position + offset, this.tokens.length - 1)];
    if (!token) throw malformed('empty query');
    return token;
  }

  private next(): SoqlToken {
    const token = this.peek();
    this.position++;
    return token;
  }

  private unexpected(token: SoqlToken): Error {
    return malformed(
      `unexpected token: '${token.text || 'end of query'}' at column ${token.column}`,
    );
  }
}
