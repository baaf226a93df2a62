// A small FHIRPath parser producing a plain AST for the fast invariant compiler (fhirpath-lite.ts).
// It covers the expression grammar used by the R4 constraints; anything else throws, and the
// caller then falls back to fhirpath.js for that expression.

export type Ast =
  | { k: 'lit'; v: unknown[] }
  | { k: 'this' }
  | { k: 'var'; name: string }
  | { k: 'member'; target: Ast | null; name: string }
  | { k: 'call'; target: Ast | null; name: string; args: Ast[] }
  | { k: 'index'; target: Ast; index: Ast }
  | { k: 'bin'; op: string; l: Ast; r: Ast }
  | { k: 'neg'; e: Ast }
  | { k: 'type'; op: 'is' | 'as'; e: Ast; type: string };

interface Tok { t: 'id' | 'str' | 'num' | 'op' | 'var' | 'date' | 'eof'; v: string }

const OPS = ['<=', '>=', '!=', '!~', '(', ')', '[', ']', '{', '}', ',', '.', '|', '&', '+', '-', '*', '/', '=', '~', '<', '>'];

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let p = 0;
  while (p < src.length) {
    const c = src[p];
    if (/\s/.test(c)) { p++; continue; }
    if (src.startsWith('//', p)) { while (p < src.length && src[p] !== '\n') p++; continue; }
    if (src.startsWith('/*', p)) { const e = src.indexOf('*/', p + 2); if (e < 0) throw new Error('unterminated comment'); p = e + 2; continue; }
    if (c === "'" || c === '`') {
      let s = '';
      p++;
      while (p < src.length && src[p] !== c) {
        if (src[p] === '\\') {
          const n = src[++p];
          s += n === 'n' ? '\n' : n === 't' ? '\t' : n === 'r' ? '\r' : n === 'f' ? '\f' : n;
          p++;
        } else s += src[p++];
      }
      if (p >= src.length) throw new Error('unterminated string');
      p++;
      out.push({ t: c === "'" ? 'str' : 'id', v: s });
      continue;
    }
    const num = /^\d+(\.\d+)?/.exec(src.slice(p));
    if (num) {
      p += num[0].length;
      // a quantity literal (4 'mg', 1 day) is not supported
      if (/^\s*('|(years?|months?|weeks?|days?|hours?|minutes?|seconds?|milliseconds?)\b)/.test(src.slice(p))) throw new Error('quantity literal');
      out.push({ t: 'num', v: num[0] });
      continue;
    }
    if (c === '@') {
      const d = /^@[0-9T:.\-+Z]+/.exec(src.slice(p));
      if (!d) throw new Error('bad date literal');
      p += d[0].length;
      out.push({ t: 'date', v: d[0].slice(1) });
      continue;
    }
    if (c === '$' || c === '%') {
      if (c === '%' && src[p + 1] === "'") {
        const e = src.indexOf("'", p + 2);
        out.push({ t: 'var', v: '%' + src.slice(p + 2, e) });
        p = e + 1;
        continue;
      }
      const id = /^[$%][A-Za-z_][A-Za-z0-9_-]*/.exec(src.slice(p));
      if (!id) throw new Error('bad variable');
      p += id[0].length;
      out.push({ t: 'var', v: id[0] });
      continue;
    }
    const id = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(p));
    if (id) { p += id[0].length; out.push({ t: 'id', v: id[0] }); continue; }
    const op = OPS.find((o) => src.startsWith(o, p));
    if (!op) throw new Error(`unexpected '${c}'`);
    p += op.length;
    out.push({ t: 'op', v: op });
  }
  out.push({ t: 'eof', v: '' });
  return out;
}

// Binary operator precedence, loosest first (FHIRPath spec, section "Operator precedence").
const LEVELS: string[][] = [
  ['implies'], ['or', 'xor'], ['and'], ['in', 'contains'], ['=', '~', '!=', '!~'],
  ['<', '>', '<=', '>='], ['|'], ['is', 'as'], ['+', '-', '&'], ['*', '/', 'div', 'mod'],
];

export function parseFhirpath(src: string): Ast {
  const toks = tokenize(src);
  let p = 0;
  const peek = () => toks[p];
  const isOp = (v: string) => { const t = toks[p]; return (t.t === 'op' || t.t === 'id') && t.v === v; };
  const expect = (v: string) => { if (!isOp(v)) throw new Error(`expected '${v}' at token ${p}`); p++; };

  function level(n: number): Ast {
    if (n === LEVELS.length) return unary();
    let l = level(n + 1);
    for (;;) {
      const t = peek();
      if (!((t.t === 'op' || t.t === 'id') && LEVELS[n].includes(t.v))) return l;
      p++;
      if (t.v === 'is' || t.v === 'as') l = { k: 'type', op: t.v, e: l, type: typeName() };
      else l = { k: 'bin', op: t.v, l, r: level(n + 1) };
    }
  }

  function typeName(): string {
    let name = ident();
    while (isOp('.')) { p++; name += '.' + ident(); }
    return name;
  }

  function ident(): string {
    const t = peek();
    if (t.t !== 'id') throw new Error(`identifier expected at token ${p}`);
    p++;
    return t.v;
  }

  function unary(): Ast {
    if (isOp('-')) { p++; return { k: 'neg', e: unary() }; }
    if (isOp('+')) { p++; return unary(); }
    return postfix(term());
  }

  function postfix(e: Ast): Ast {
    for (;;) {
      if (isOp('.')) { p++; e = invocation(e); continue; }
      if (isOp('[')) { p++; const index = level(0); expect(']'); e = { k: 'index', target: e, index }; continue; }
      return e;
    }
  }

  function invocation(target: Ast | null): Ast {
    const name = ident();
    if (!isOp('(')) return { k: 'member', target, name };
    p++;
    const args: Ast[] = [];
    if (!isOp(')')) {
      // is(T), as(T), ofType(T) take a type name, not an expression
      if (name === 'is' || name === 'as' || name === 'ofType') args.push({ k: 'lit', v: [typeName()] });
      else {
        args.push(level(0));
        while (isOp(',')) { p++; args.push(level(0)); }
      }
    }
    expect(')');
    return { k: 'call', target, name, args };
  }

  function term(): Ast {
    const t = peek();
    switch (t.t) {
      case 'str': p++; return { k: 'lit', v: [t.v] };
      case 'num': p++; return { k: 'lit', v: [Number(t.v)] };
      case 'date': p++; return { k: 'lit', v: [t.v] };
      case 'var': p++; return t.v === '$this' ? { k: 'this' } : { k: 'var', name: t.v };
      case 'id':
        if (t.v === 'true' || t.v === 'false') { p++; return { k: 'lit', v: [t.v === 'true'] }; }
        return invocation(null);
      case 'op':
        if (t.v === '(') { p++; const e = level(0); expect(')'); return e; }
        if (t.v === '{') { p++; expect('}'); return { k: 'lit', v: [] }; }
        break;
    }
    throw new Error(`unexpected token '${t.v}' at ${p}`);
  }

  const ast = level(0);
  if (peek().t !== 'eof') throw new Error(`trailing input at token ${p}`);
  return ast;
}
