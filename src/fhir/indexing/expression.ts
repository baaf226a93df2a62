// Lexical helpers for R4 SearchParameter expressions: tokenising, splitting unions, keeping the
// alternatives that apply to one resource type, and rewriting for synchronous fhirpath.js.

export type TokenKind = 'ident' | 'var' | 'string' | 'number' | 'date' | 'punct';
export interface Token { kind: TokenKind; value: string; start: number; end: number }

const PUNCT = ['!=', '!~', '<=', '>=', '.', '(', ')', '[', ']', '{', '}', '|', ',', '=', '~', '<', '>', '+', '-', '*', '/', '&'];

/** Tokenises a FHIRPath expression; throws on characters it does not know. */
export function tokenize(expr: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < expr.length) {
    const c = expr[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') { i++; continue; }
    const start = i;
    if (/[A-Za-z_]/.test(c)) {
      while (i < expr.length && /[A-Za-z0-9_]/.test(expr[i])) i++;
      out.push({ kind: 'ident', value: expr.slice(start, i), start, end: i });
    } else if (c === '`') {
      const close = expr.indexOf('`', i + 1);
      if (close < 0) throw new Error('unterminated `identifier`');
      i = close + 1;
      out.push({ kind: 'ident', value: expr.slice(start + 1, close), start, end: i });
    } else if (c === '$') {
      i++; // $this, $index, $total
      while (i < expr.length && /[A-Za-z]/.test(expr[i])) i++;
      out.push({ kind: 'var', value: expr.slice(start, i), start, end: i });
    } else if (c === '@') {
      i++; // @2020-01-01T10:00:00Z, @T10:00
      while (i < expr.length && /[0-9T:.+\-Z]/.test(expr[i])) i++;
      out.push({ kind: 'date', value: expr.slice(start + 1, i), start, end: i });
    } else if (c === '%') {
      i++;
      if (expr[i] === '\'' || expr[i] === '`') throw new Error('quoted %variables are not supported');
      while (i < expr.length && /[A-Za-z0-9_]/.test(expr[i])) i++;
      out.push({ kind: 'var', value: expr.slice(start + 1, i), start, end: i });
    } else if (c === '\'') {
      let s = '';
      i++;
      while (i < expr.length && expr[i] !== '\'') {
        if (expr[i] === '\\') { s += unescape(expr[i + 1]); i += 2; } else s += expr[i++];
      }
      if (i >= expr.length) throw new Error('unterminated string');
      i++;
      out.push({ kind: 'string', value: s, start, end: i });
    } else if (/[0-9]/.test(c)) {
      while (i < expr.length && /[0-9.]/.test(expr[i])) i++;
      out.push({ kind: 'number', value: expr.slice(start, i), start, end: i });
    } else {
      const p = PUNCT.find((x) => expr.startsWith(x, i));
      if (!p) throw new Error(`unexpected character '${c}' at ${i}`);
      i += p.length;
      out.push({ kind: 'punct', value: p, start, end: i });
    }
  }
  return out;
}

function unescape(c: string | undefined): string {
  switch (c) {
    case 'n': return '\n';
    case 't': return '\t';
    case 'r': return '\r';
    default: return c ?? '';
  }
}

// Operators that bind less tightly than `|`: splitting on `|` is only safe without them.
const LOOSE_OPS = new Set(['=', '!=', '~', '!~', '<', '>', '<=', '>=']);
const LOOSE_KEYWORDS = new Set(['and', 'or', 'xor', 'implies', 'in', 'contains']);

/**
 * Splits an expression on its top-level `|` (unions). When the top level also has an operator
 * that binds looser than `|` (and, or, =, ...), the expression is returned whole.
 */
export function splitUnion(expr: string): string[] {
  let tokens: Token[];
  try { tokens = tokenize(expr); } catch { return [expr.trim()]; }
  const cuts: number[] = [];
  let depth = 0;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.kind === 'punct') {
      if (t.value === '(' || t.value === '[') depth++;
      else if (t.value === ')' || t.value === ']') depth--;
      else if (depth === 0 && t.value === '|') cuts.push(t.start);
      else if (depth === 0 && LOOSE_OPS.has(t.value)) return [expr.trim()];
    } else if (depth === 0 && t.kind === 'ident' && LOOSE_KEYWORDS.has(t.value)) {
      const prev = tokens[k - 1];
      if (!prev || prev.kind !== 'punct' || prev.value !== '.') return [expr.trim()];
    }
  }
  const parts: string[] = [];
  let from = 0;
  for (const c of cuts) { parts.push(expr.slice(from, c).trim()); from = c + 1; }
  parts.push(expr.slice(from).trim());
  return parts.filter((p) => p.length > 0);
}

/** The leading identifier of an alternative, skipping opening parentheses. */
function leadingName(alt: string): string | undefined {
  const m = /^[\s(]*([A-Za-z_][A-Za-z0-9_]*)/.exec(alt);
  return m?.[1];
}

/**
 * The union alternatives of `expr` that apply to `resourceType`: those starting with that type
 * (or Resource/DomainResource), or relative ones (`name | alias`, `%resource...`).
 * An alternative starting with another type name (`Patient.x` when indexing Group) is dropped.
 */
export function alternativesFor(expr: string, resourceType: string): string[] {
  return splitUnion(expr).filter((alt) => {
    const name = leadingName(alt);
    if (!name || !/^[A-Z]/.test(name)) return true;
    return name === resourceType || name === 'Resource' || name === 'DomainResource';
  });
}

const PATH = String.raw`[%A-Za-z_][\w.\[\]]*`;
const TYPE = String.raw`[A-Za-z][\w.]*`;

/**
 * Rewrites an alternative so fhirpath.js evaluates it synchronously and without singleton
 * errors: `where(resolve() is T)` becomes a check on the reference string (same rule as the fast
 * path), `x.as(T)` and `(x as T)` become `x.ofType(T)` (`as` throws on collections in fhirpath 5).
 */
export function rewriteForFhirpath(alt: string): string {
  let s = alt.replace(new RegExp(String.raw`\.where\(\s*resolve\(\)\s+is\s+(${TYPE})\s*\)`, 'g'), (_m, t: string) => {
    const type = t.replace(/^FHIR\./, '');
    return `.where(reference.startsWith('${type}/') or reference.contains('/${type}/'))`;
  });
  s = s.replace(new RegExp(String.raw`\.as\(\s*(${TYPE})\s*\)`, 'g'), '.ofType($1)');
  const paren = new RegExp(String.raw`\(\s*(${PATH})\s+as\s+(${TYPE})\s*\)`, 'g');
  for (let prev = ''; prev !== s;) { prev = s; s = s.replace(paren, '$1.ofType($2)'); }
  const whole = new RegExp(String.raw`^\s*(${PATH})\s+as\s+(${TYPE})\s*$`).exec(s);
  if (whole) s = `${whole[1]}.ofType(${whole[2]})`;
  return s;
}

/** True if the expression still needs resolve() after rewriting (unsupported: it is async). */
export function usesResolve(expr: string): boolean {
  return /\bresolve\s*\(/.test(rewriteForFhirpath(expr));
}
