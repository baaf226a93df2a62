// Fast evaluator for the FHIRPath subset used by R4 invariants, over plain JSON.
// Member names are resolved against the compiled element model at compile time (so `value`
// finds valueQuantity, valueString, ...). Unsupported syntax throws Unsupported at compile time;
// cases the subset cannot decide at run time (primitive with only an extension, dates of
// different precision, mixed-unit quantities, ...) throw BAIL, and the caller re-evaluates with
// fhirpath.js. fhirpath.js takes ~20 µs per call; this path takes well under 1 µs.
import { parseFhirpath, type Ast } from './fhirpath-parse.js';
import {
  BAIL, bool, compareItems, deepEqual, descendants, EMPTY, F, isObj, navDynamic, navStatic, pushValue, regex, T, toBool, union,
} from './fhirpath-values.js';

export interface LiteElement {
  name: string; // JSON name, e.g. valueQuantity
  type: string; // FHIR type code
  isPrimitive: boolean;
  isResource: boolean;
  childModel(): LiteModel | undefined;
}

export interface LiteModel {
  name: string;
  byFp: Map<string, LiteElement[]>;
}

export interface EvalEnv {
  resource: unknown;
  rootResource: unknown;
}

interface Env extends EvalEnv {
  context: unknown[];
  memo?: Map<number, unknown[]>; // results of subexpressions that depend only on the environment
}

export class Unsupported extends Error {}
export { BAIL };

interface TInfo {
  m?: LiteModel; // complex type with a known model
  p?: string; // primitive type code
  choice?: LiteElement[]; // result of a choice element: one of these variants
}
const DYN: TInfo = {};

type Fn = (focus: unknown[], env: Env) => unknown[];
/** A compiled node; `k` when its value depends only on the environment (%resource...), not the focus. */
interface C { f: Fn; t: TInfo; k?: boolean }

const LAMBDAS = new Set(['where', 'all', 'select', 'exists', 'is', 'as', 'ofType', 'trace']);

function typeMatches(el: LiteElement, type: string): boolean {
  const t = type.replace(/^(FHIR|System)\./, '');
  return el.type === t || (el.isPrimitive && el.type.toLowerCase() === t.toLowerCase());
}

function infoOf(el: LiteElement): TInfo {
  if (el.isPrimitive) return { p: el.type };
  if (el.isResource) return DYN;
  const m = el.childModel();
  return m ? { m } : DYN;
}

class Compiler {
  private memoIds = 0;

  constructor(private resourceT: TInfo) {}

  compile(a: Ast, scope: TInfo): C {
    const c = this.compileNode(a, scope);
    if (a.k !== 'lit' && isLiteral(a)) {
      // ('a' | 'b' | 'c') in que-10 etc.: fold once
      const v = c.f(EMPTY, { resource: undefined, rootResource: undefined, context: EMPTY });
      return { f: () => v, t: c.t, k: true };
    }
    c.k ??= this.isEnvOnly(a);
    if (!c.k || a.k === 'lit' || a.k === 'var') return c;
    // e.g. sdf-8 re-reads %resource.snapshot.element.first().path for every element: compute once
    const id = this.memoIds++, inner = c.f;
    return { ...c, f: (focus, env) => {
      const memo = (env.memo ??= new Map());
      let v = memo.get(id);
      if (v === undefined) memo.set(id, (v = inner(focus, env)));
      return v;
    } };
  }

  private isEnvOnly(a: Ast): boolean {
    switch (a.k) {
      case 'lit': case 'var': return true;
      case 'this': return false;
      case 'member': return !!a.target && this.isEnvOnly(a.target);
      case 'index': return this.isEnvOnly(a.target) && this.isEnvOnly(a.index);
      case 'neg': return this.isEnvOnly(a.e);
      case 'type': return this.isEnvOnly(a.e);
      case 'bin': return this.isEnvOnly(a.l) && this.isEnvOnly(a.r);
      case 'call': {
        if (!a.target || !this.isEnvOnly(a.target)) return false;
        // lambdas (where, all, select, ...) see only the target's items
        return LAMBDAS.has(a.name) || a.args.every((x) => this.isEnvOnly(x));
      }
    }
  }

  private compileNode(a: Ast, scope: TInfo): C {
    switch (a.k) {
      case 'lit': { const v = a.v; return { f: () => v, t: DYN }; }
      case 'this': return { f: (focus) => focus, t: scope };
      case 'var': return this.variable(a.name);
      case 'member': return this.member(a.target ? this.compile(a.target, scope) : null, a.name, scope);
      case 'index': {
        const t = this.compile(a.target, scope), i = this.compile(a.index, scope);
        return { f: (focus, env) => { const n = i.f(focus, env)[0]; const c = t.f(focus, env); return typeof n === 'number' && n < c.length ? [c[n]] : EMPTY; }, t: t.t };
      }
      case 'neg': {
        const e = this.compile(a.e, scope);
        return { f: (focus, env) => { const c = e.f(focus, env); if (c.length === 0) return EMPTY; if (typeof c[0] !== 'number') throw BAIL; return [-c[0]]; }, t: DYN };
      }
      case 'type': return this.typeOp(a.op, this.compile(a.e, scope), a.e, a.type, scope);
      case 'call': return this.call(a, scope);
      case 'bin': return this.binary(a.op, this.compile(a.l, scope), this.compile(a.r, scope));
    }
  }

  variable(name: string): C {
    switch (name) {
      case '%resource': return { f: (_f, env) => [env.resource], t: this.resourceT };
      case '%rootResource': return { f: (_f, env) => [env.rootResource], t: DYN };
      case '%context': return { f: (_f, env) => env.context, t: DYN };
      case '%ucum': return lit('http://unitsofmeasure.org');
      case '%sct': return lit('http://snomed.info/sct');
      case '%loinc': return lit('http://loinc.org');
    }
    throw new Unsupported(`variable ${name}`);
  }

  member(target: C | null, name: string, scope: TInfo): C {
    const t = target ? target.t : scope;
    const src: Fn = target ? target.f : (focus) => focus;
    if (t.m) {
      const els = t.m.byFp.get(name);
      if (!els) {
        // `Appointment.status` in a constraint on Appointment: the leading type name is the context
        if (!target && (name === t.m.name || name === 'Resource' || name === 'DomainResource')) return { f: src, t };
        throw new Unsupported(`unknown element ${t.m.name}.${name}`);
      }
      const nav = navStatic(els.map((e) => e.name));
      return { f: (focus, env) => nav(src(focus, env)), t: els.length === 1 ? infoOf(els[0]) : { choice: els } };
    }
    if (t.p) {
      if (name === 'extension' || name === 'id') throw new Unsupported(`member ${name} of primitive ${t.p}`);
      return { f: () => EMPTY, t: DYN }; // primitives have no other children
    }
    return { f: (focus, env) => navDynamic(src(focus, env), name), t: DYN };
  }

  // Like the reference (Java) engine, `is` on an empty collection is false, not empty (ras-2 on a
  // prediction without probability), and FHIR primitives match System types case-insensitively.
  typeOp(op: 'is' | 'as' | 'ofType', e: C, ast: Ast, type: string, scope: TInfo): C {
    if (e.t.choice && ast.k === 'member') {
      const variant = e.t.choice.find((el) => typeMatches(el, type));
      if (!variant) return op === 'is' ? { f: () => F, t: DYN } : { f: () => EMPTY, t: DYN };
      const nav = navStatic([variant.name]);
      const parent = ast.target ? this.compile(ast.target, scope).f : (focus: unknown[]) => focus;
      if (op === 'is') return { f: (focus, env) => bool(nav(parent(focus, env)).length > 0), t: DYN };
      return { f: (focus, env) => nav(parent(focus, env)), t: infoOf(variant) };
    }
    if (e.t.p || e.t.m) {
      const name = e.t.p ?? e.t.m!.name;
      const ok = name === type.replace(/^(FHIR|System)\./, '') || name.toLowerCase() === type.toLowerCase();
      if (op === 'is') return { f: (focus, env) => bool(ok && e.f(focus, env).length > 0), t: DYN };
      return ok ? e : { f: () => EMPTY, t: DYN };
    }
    // dynamic: only resources carry their type in the JSON
    const check = (x: unknown): boolean => {
      if (!isObj(x) || typeof x.resourceType !== 'string') throw BAIL;
      return x.resourceType === type;
    };
    if (op === 'is') return { f: (focus, env) => { const c = e.f(focus, env); if (c.length === 0) return F; if (c.length > 1) throw BAIL; return bool(check(c[0])); }, t: DYN };
    return { f: (focus, env) => e.f(focus, env).filter(check), t: DYN };
  }

  call(a: Extract<Ast, { k: 'call' }>, scope: TInfo): C {
    const target = a.target ? this.compile(a.target, scope) : { f: (focus: unknown[]) => focus, t: scope };
    const src = target.f;
    const itemT: TInfo = target.t.choice ? DYN : target.t;
    const arg = (i: number, s: TInfo = scope): C => {
      if (!a.args[i]) throw new Unsupported(`${a.name}: missing argument`);
      return this.compile(a.args[i], s);
    };
    const nargs = a.args.length;
    const str1 = (fn: (s: string, x: string) => boolean): C => {
      const x = arg(0);
      return { f: (focus, env) => { const c = src(focus, env); if (c.length === 0) return EMPTY; const s = c[0], v = x.f(focus, env)[0]; if (c.length > 1) throw BAIL; if (typeof s !== 'string' || typeof v !== 'string') return EMPTY; return bool(fn(s, v)); }, t: DYN };
    };
    switch (a.name) {
      case 'exists':
        if (nargs) { const w = this.where(src, arg(0, itemT)); return { f: (focus, env) => bool(w(focus, env).length > 0), t: DYN }; }
        return { f: (focus, env) => bool(src(focus, env).length > 0), t: DYN };
      case 'empty': return { f: (focus, env) => bool(src(focus, env).length === 0), t: DYN };
      case 'not': return { f: (focus, env) => { const b = toBool(src(focus, env)); return b === null ? EMPTY : bool(!b); }, t: DYN };
      case 'count': return { f: (focus, env) => [src(focus, env).length], t: { p: 'integer' } };
      case 'hasValue': return { f: (focus, env) => { const c = src(focus, env); return bool(c.length === 1 && typeof c[0] !== 'object'); }, t: DYN };
      case 'first': return { f: (focus, env) => { const c = src(focus, env); return c.length ? [c[0]] : EMPTY; }, t: target.t };
      case 'last': return { f: (focus, env) => { const c = src(focus, env); return c.length ? [c[c.length - 1]] : EMPTY; }, t: target.t };
      case 'tail': return { f: (focus, env) => src(focus, env).slice(1), t: target.t };
      case 'trace': return target;
      case 'where': { const w = this.where(src, arg(0, itemT)); return { f: w, t: target.t }; }
      case 'all': {
        const crit = arg(0, itemT);
        return { f: (focus, env) => { for (const x of src(focus, env)) if (toBool(crit.f([x], env)) !== true) return F; return T; }, t: DYN };
      }
      case 'select': {
        const e = arg(0, itemT);
        return { f: (focus, env) => { const out: unknown[] = []; for (const x of src(focus, env)) out.push(...e.f([x], env)); return out; }, t: e.t };
      }
      case 'isDistinct': return { f: (focus, env) => { const c = src(focus, env); return bool(union(c, EMPTY).length === c.length); }, t: DYN };
      case 'distinct': return { f: (focus, env) => union(src(focus, env), EMPTY), t: target.t };
      case 'allFalse': return { f: (focus, env) => bool(src(focus, env).every((x) => x === false)), t: DYN };
      case 'allTrue': return { f: (focus, env) => bool(src(focus, env).every((x) => x === true)), t: DYN };
      case 'anyTrue': return { f: (focus, env) => bool(src(focus, env).some((x) => x === true)), t: DYN };
      case 'anyFalse': return { f: (focus, env) => bool(src(focus, env).some((x) => x === false)), t: DYN };
      case 'intersect': {
        const o = arg(0);
        return { f: (focus, env) => { const b = o.f(focus, env); return union(src(focus, env).filter((x) => b.some((y) => deepEqual(x, y))), EMPTY); }, t: target.t };
      }
      case 'combine': { const o = arg(0); return { f: (focus, env) => [...src(focus, env), ...o.f(focus, env)], t: DYN }; }
      case 'union': { const o = arg(0); return { f: (focus, env) => union(src(focus, env), o.f(focus, env)), t: DYN }; }
      case 'iif': {
        const c = arg(0, itemT), y = arg(1), n = nargs > 2 ? arg(2) : null;
        return { f: (focus, env) => (toBool(c.f(src(focus, env), env)) === true ? y.f(focus, env) : n ? n.f(focus, env) : EMPTY), t: DYN };
      }
      case 'startsWith': return str1((s, x) => s.startsWith(x));
      case 'endsWith': return str1((s, x) => s.endsWith(x));
      case 'contains': return str1((s, x) => s.includes(x));
      case 'matches': return str1((s, x) => regex(x).test(s));
      case 'length': return { f: (focus, env) => { const c = src(focus, env); return typeof c[0] === 'string' ? [c[0].length] : EMPTY; }, t: DYN };
      case 'substring': {
        const s0 = arg(0), n = nargs > 1 ? arg(1) : null;
        return { f: (focus, env) => {
          const c = src(focus, env), st = s0.f(focus, env)[0];
          if (typeof c[0] !== 'string' || typeof st !== 'number' || st < 0 || st >= c[0].length) return EMPTY;
          const len = n ? n.f(focus, env)[0] : undefined;
          return [typeof len === 'number' ? c[0].slice(st, st + Math.max(0, len)) : c[0].slice(st)];
        }, t: { p: 'string' } };
      }
      case 'toString': return { f: (focus, env) => { const c = src(focus, env); return c.length === 1 && typeof c[0] !== 'object' ? [String(c[0])] : EMPTY; }, t: { p: 'string' } };
      case 'toInteger': return { f: (focus, env) => {
        const c = src(focus, env);
        if (c.length !== 1) return EMPTY;
        const v = c[0];
        if (typeof v === 'number') return Number.isInteger(v) ? [v] : EMPTY;
        if (typeof v === 'string' && /^[+-]?\d+$/.test(v)) return [parseInt(v, 10)];
        return typeof v === 'boolean' ? [v ? 1 : 0] : EMPTY;
      }, t: { p: 'integer' } };
      case 'children': return { f: (focus, env) => { const out: unknown[] = []; for (const x of src(focus, env)) if (isObj(x)) for (const k in x) if (k.charCodeAt(0) !== 95 && k !== 'resourceType') pushValue(out, x[k]); return out; }, t: DYN };
      case 'descendants': return { f: (focus, env) => { const out: unknown[] = []; descendants(src(focus, env), out); return out; }, t: DYN };
      case 'is': case 'as': case 'ofType': {
        const type = (a.args[0] as { v: unknown[] }).v[0] as string;
        return this.typeOp(a.name, target, a.target ?? { k: 'this' }, type, scope);
      }
    }
    throw new Unsupported(`function ${a.name}()`);
  }

  where(src: Fn, crit: C): Fn {
    return (focus, env) => {
      const c = src(focus, env);
      let out: unknown[] | undefined;
      for (const x of c) if (toBool(crit.f([x], env)) === true) (out ??= []).push(x);
      return out ?? EMPTY;
    };
  }

  binary(op: string, l: C, r: C): C {
    const L = l.f, R = r.f;
    switch (op) {
      case 'and': return { f: (fo, env) => { const a = toBool(L(fo, env)); if (a === false) return F; const b = toBool(R(fo, env)); if (b === false) return F; return a && b ? T : EMPTY; }, t: DYN };
      case 'or': return { f: (fo, env) => { const a = toBool(L(fo, env)); if (a === true) return T; const b = toBool(R(fo, env)); if (b === true) return T; return a === false && b === false ? F : EMPTY; }, t: DYN };
      case 'xor': return { f: (fo, env) => { const a = toBool(L(fo, env)), b = toBool(R(fo, env)); return a === null || b === null ? EMPTY : bool(a !== b); }, t: DYN };
      case 'implies': return { f: (fo, env) => {
        const a = toBool(L(fo, env));
        if (a === false) return T;
        const b = toBool(R(fo, env));
        if (b === true) return T;
        return a === true && b === false ? F : EMPTY;
      }, t: DYN };
      case '=': case '!=': {
        const neg = op === '!=';
        return { f: (fo, env) => {
          const a = L(fo, env), b = R(fo, env);
          if (a.length === 0 || b.length === 0) return EMPTY;
          let eq = a.length === b.length;
          for (let i = 0; eq && i < a.length; i++) eq = deepEqual(a[i], b[i]);
          return bool(eq !== neg);
        }, t: DYN };
      }
      case '<': case '<=': case '>': case '>=': return { f: (fo, env) => {
        const a = L(fo, env), b = R(fo, env);
        if (a.length === 0 || b.length === 0) return EMPTY;
        if (a.length > 1 || b.length > 1) throw BAIL;
        const c = compareItems(a[0], b[0]);
        if (c === null) return EMPTY;
        return bool(op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c >= 0);
      }, t: DYN };
      case 'in': case 'contains': {
        const [X, Y] = op === 'in' ? [L, R] : [R, L];
        return { f: (fo, env) => {
          const x = X(fo, env);
          if (x.length === 0) return EMPTY;
          if (x.length > 1) throw BAIL;
          return bool(Y(fo, env).some((y) => deepEqual(x[0], y)));
        }, t: DYN };
      }
      case '|': return { f: (fo, env) => union(L(fo, env), R(fo, env)), t: DYN };
      case '&': return { f: (fo, env) => { const a = L(fo, env)[0] ?? '', b = R(fo, env)[0] ?? ''; if (typeof a === 'object' || typeof b === 'object') throw BAIL; return [String(a) + String(b)]; }, t: { p: 'string' } };
      case '+': case '-': case '*': case '/': return { f: (fo, env) => {
        const a = L(fo, env), b = R(fo, env);
        if (a.length === 0 || b.length === 0) return EMPTY;
        const x = a[0], y = b[0];
        if (op === '+' && typeof x === 'string' && typeof y === 'string') return [x + y];
        if (typeof x !== 'number' || typeof y !== 'number' || a.length > 1 || b.length > 1) throw BAIL;
        if (op === '/' && y === 0) return EMPTY;
        return [op === '+' ? x + y : op === '-' ? x - y : op === '*' ? x * y : x / y];
      }, t: DYN };
    }
    throw new Unsupported(`operator ${op}`);
  }
}

function isLiteral(a: Ast): boolean {
  if (a.k === 'lit') return true;
  if (a.k === 'bin') return isLiteral(a.l) && isLiteral(a.r);
  return a.k === 'neg' && isLiteral(a.e);
}

function lit(v: string): C {
  const c = [v];
  return { f: () => c, t: { p: 'string' } };
}

export type LiteCheck = (node: unknown, env: EvalEnv) => boolean | null;

/**
 * Compiles `expr` for nodes of `context` (a model, or a primitive type code). The result is
 * true/false, or null for an empty result. Throws Unsupported (compile time) or BAIL (run time).
 */
export function compileLite(expr: string, context: LiteModel | string, resource?: LiteModel): LiteCheck {
  const scope: TInfo = typeof context === 'string' ? { p: context } : { m: context };
  const c = new Compiler(resource ? { m: resource } : DYN).compile(parseFhirpath(expr), scope);
  const f = c.f;
  return (node, env) => {
    const focus = [node];
    return toBool(f(focus, { resource: env.resource, rootResource: env.rootResource, context: focus }));
  };
}
