// Applies a compiled constraint profile to a resource: cardinality tighter than the base,
// fixed/pattern values, type and target restrictions, required bindings, new invariants, and
// slicing by value/pattern/exists/type discriminators. Anything else is reported as a warning.
import type { OperationOutcomeIssue } from '../types.js';
import { checkBinding } from './bindings.js';
import { deepEqual } from './fhirpath-values.js';
import { compileInvariant, type Invariant } from './invariants.js';
import { getModel, type ElementModel, type TypeModel } from './model.js';
import type { ProfileNode, CompiledProfile, Discriminator } from './profile-tree.js';
import { parseReference } from './references.js';
import { isBaseConstraintKey } from './sd-source.js';
import { expandValueSet } from './terminology.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

interface Inst {
  v: unknown; // undefined: a primitive present only as its `_x` extension
  path: string;
  el?: ElementModel;
  model?: TypeModel;
}

/** `v` contains everything in pattern `p` (arrays: each pattern item matches some item). */
export function matchesPattern(v: unknown, p: unknown): boolean {
  if (Array.isArray(p)) {
    const vs = Array.isArray(v) ? v : v === undefined ? [] : [v];
    return p.every((pi) => vs.some((vi) => matchesPattern(vi, pi)));
  }
  if (isObj(p)) {
    if (!isObj(v)) return false;
    for (const k in p) if (!matchesPattern(v[k], p[k])) return false;
    return true;
  }
  return v === p;
}

// JSON navigation for discriminator paths ("coding.code", "url", "$this"); choices by prefix.
function valuesAt(v: unknown, segs: string[]): unknown[] {
  let cur: unknown[] = [v];
  for (const seg of segs) {
    const next: unknown[] = [];
    for (const o of cur) {
      if (!isObj(o)) continue;
      const add = (x: unknown): void => { if (Array.isArray(x)) { for (const y of x) if (y !== null) next.push(y); } else if (x !== undefined) next.push(x); };
      if (o[seg] !== undefined) add(o[seg]);
      else for (const k in o) if (k.length > seg.length && k.startsWith(seg) && k.charCodeAt(seg.length) < 91) add(o[k]);
    }
    cur = next;
  }
  return cur;
}

// Nodes at a discriminator path below a slice; a sliced step also yields its slices, since the
// discriminating fixed values often sit inside them (component:SystolicBP.code.coding:SBPCode.code).
function nodesAt(s: ProfileNode, path: string): ProfileNode[] {
  if (path === '$this') return [s];
  let cur: ProfileNode[] = [s];
  for (const seg of path.split('.')) {
    const next: ProfileNode[] = [];
    for (const n of cur) {
      const c = n.children.get(seg) ?? n.children.get(seg + '[x]');
      if (c) next.push(c, ...c.slices);
    }
    cur = next;
  }
  return cur;
}

type Matcher = (it: Inst) => boolean;

function discriminatorMatcher(s: ProfileNode, d: Discriminator): Matcher | string {
  if (/[()]/.test(d.path)) return `discriminator path '${d.path}' is not supported`;
  const segs = d.path === '$this' ? [] : d.path.split('.');
  switch (d.type) {
    case 'type': {
      if (d.path !== '$this' || !s.types?.length) return `type discriminator on '${d.path}' is not supported`;
      const types = s.types;
      return (it) => !!it.el && types.includes(it.el.type);
    }
    case 'value': case 'pattern': {
      const targets = nodesAt(s, d.path);
      const expected: Array<[unknown, boolean]> = []; // [value, exact]
      for (const t of targets) {
        if (t.fixed !== undefined) expected.push([t.fixed, true]);
        else if (t.pattern !== undefined) expected.push([t.pattern, false]);
      }
      if (!expected.length && d.path === 'url' && s.typeProfiles?.length) expected.push([s.typeProfiles[0], true]); // extension slices
      if (expected.length) {
        return (it) => valuesAt(it.v, segs).some((x) => expected.some(([e, exact]) => (exact ? deepEqual(x, e) : matchesPattern(x, e))));
      }
      const bound = targets.find((t) => t.binding);
      const exp = bound ? expandValueSet(bound.binding!) : null;
      if (exp) return (it) => valuesAt(it.v, segs).some((x) => (typeof x === 'string' ? exp.all.has(x) : isObj(x) && typeof x.code === 'string' && exp.all.has(x.code)));
      return `no fixed value, pattern or expandable binding at '${d.path}'`;
    }
    case 'exists': {
      const target = nodesAt(s, d.path)[0];
      if (!target || ((target.min ?? 0) === 0 && target.max !== 0)) return `exists discriminator at '${d.path}' is not determined`;
      const want = (target.min ?? 0) > 0;
      return (it) => valuesAt(it.v, segs).length > 0 === want;
    }
  }
  return `discriminator type '${d.type}' is not supported`;
}

export class ProfileChecker {
  private readonly env: { resource: unknown; rootResource: unknown };
  private readonly warned = new Set<string>();
  private static invariants = new WeakMap<ProfileNode, Map<TypeModel | string, Invariant[]>>();

  constructor(private readonly p: CompiledProfile, resource: Obj, private readonly issues: OperationOutcomeIssue[]) {
    this.env = { resource, rootResource: resource };
  }

  run(resource: Obj, path: string): void {
    const model = getModel(this.p.type);
    if (!model) return;
    const root: Inst = { v: resource, path, model };
    this.values(this.p.root, root);
    for (const child of this.p.root.children.values()) this.node(child, root);
  }

  private error(code: string, path: string, msg: string): void {
    this.issues.push({ severity: 'error', code, diagnostics: `${msg} (from profile ${this.p.url})`, expression: [path] });
  }

  private warn(msg: string): void {
    if (this.warned.has(msg)) return;
    this.warned.add(msg);
    this.issues.push({ severity: 'warning', code: 'not-supported', diagnostics: `Profile ${this.p.url}: ${msg}; not checked`, expression: [this.p.type] });
  }

  private static resolved = new WeakMap<ProfileNode, Map<TypeModel, ElementModel[] | undefined>>();

  private resolve(m: TypeModel, n: ProfileNode): ElementModel[] | undefined {
    let byModel = ProfileChecker.resolved.get(n);
    if (!byModel) ProfileChecker.resolved.set(n, (byModel = new Map()));
    if (byModel.has(m)) return byModel.get(m);
    const name = n.name;
    const el = name.endsWith('[x]') ? undefined : m.elements.get(name);
    const els = name.endsWith('[x]') ? m.byFp.get(name.slice(0, -3)) : el ? [el] : m.byFp.get(name);
    byModel.set(m, els);
    return els;
  }

  private collect(parent: Inst, els: ElementModel[]): Inst[] {
    const out: Inst[] = [];
    const o = parent.v;
    if (!isObj(o)) return out;
    for (const el of els) {
      const v = o[el.name];
      const model = (x: unknown): TypeModel | undefined => (el.isResource ? (isObj(x) && typeof x.resourceType === 'string' ? getModel(x.resourceType) : undefined) : el.isPrimitive ? undefined : el.childModel());
      if (v === undefined) {
        if (el.isPrimitive && o['_' + el.name] !== undefined) out.push({ v: undefined, path: `${parent.path}.${el.label}`, el });
      } else if (Array.isArray(v)) {
        v.forEach((x, i) => out.push({ v: x ?? undefined, path: `${parent.path}.${el.label}[${i}]`, el, model: model(x) }));
      } else out.push({ v, path: `${parent.path}.${el.label}`, el, model: model(v) });
    }
    return out;
  }

  private node(n: ProfileNode, parent: Inst): void {
    if (!parent.model) return;
    const els = this.resolve(parent.model, n);
    if (!els) {
      this.warn(`element ${n.id} is not in the base definition`);
      return;
    }
    const base = els[0];
    const items = this.collect(parent, els);
    this.cardinality(n, items.length, parent.path, base.min, base.max, false);
    for (const it of items) this.values(n, it);
    if (n.slices.length) this.slicing(n, items, parent.path);
    for (const child of n.children.values()) for (const it of items) this.node(child, it);
  }

  private cardinality(n: ProfileNode, count: number, path: string, baseMin: number, baseMax: number, slice: boolean): void {
    const what = slice ? `Slice '${n.id}'` : n.id;
    if (n.min !== undefined && n.min > baseMin && count < n.min) this.error('required', path, `${what}: minimum required = ${n.min}, but only found ${count}`);
    if (n.max !== undefined && n.max < baseMax && count > n.max) this.error('structure', path, `${what}: max allowed = ${n.max}, but found ${count}`);
  }

  private values(n: ProfileNode, it: Inst): void {
    const v = it.v;
    if (v === undefined) return;
    if (n.types && it.el?.choiceBit && !n.types.includes(it.el.type)) {
      this.error('structure', it.path, `Type ${it.el.type} is not allowed here (allowed: ${n.types.join(', ')})`);
    }
    if (n.fixed !== undefined && !deepEqual(v, n.fixed)) this.error('value', it.path, `Value is ${JSON.stringify(v).slice(0, 80)} but is fixed to ${JSON.stringify(n.fixed).slice(0, 80)}`);
    if (n.pattern !== undefined && !matchesPattern(v, n.pattern)) this.error('value', it.path, `Value does not match the required pattern ${JSON.stringify(n.pattern).slice(0, 120)}`);
    if (n.binding && it.el && n.binding !== it.el.binding) {
      checkBinding(n.binding, it.el.type, v, it.path, (p, msg) => this.error('code-invalid', p, msg));
    }
    if (n.targets && it.el?.type === 'Reference' && isObj(v) && typeof v.reference === 'string') {
      const type = parseReference(v.reference).type;
      if (type && !n.targets.has(type)) this.error('structure', `${it.path}.reference`, `The reference '${v.reference}' targets a ${type}, but only ${[...n.targets].join(', ')} allowed here`);
    }
    if (n.constraints.length) {
      for (const inv of this.invariantsFor(n, it)) if (!inv.check(v, this.env)) this.error('invariant', it.path, `${inv.key}: ${inv.human}`);
    }
  }

  private invariantsFor(n: ProfileNode, it: Inst): Invariant[] {
    const ctx: TypeModel | string | undefined = it.model ?? (it.el?.isPrimitive ? it.el.type : undefined);
    if (!ctx) return [];
    let byCtx = ProfileChecker.invariants.get(n);
    if (!byCtx) ProfileChecker.invariants.set(n, (byCtx = new Map()));
    let list = byCtx.get(ctx);
    if (!list) {
      list = [];
      for (const c of n.constraints) {
        if (isBaseConstraintKey(c.key)) continue;
        const inv = compileInvariant(c, ctx, typeof ctx === 'string' ? ctx : ctx.name);
        if (inv) list.push(inv);
        else this.warn(`invariant ${c.key} cannot be evaluated`);
      }
      byCtx.set(ctx, list);
    }
    return list;
  }

  private static matchers = new WeakMap<ProfileNode, Matcher | string>();

  // All discriminators of the slicing must match; a string explains why the slice is unsupported.
  private matcher(n: ProfileNode, s: ProfileNode): Matcher | string {
    let m = ProfileChecker.matchers.get(s);
    if (m === undefined) {
      const disc = n.slicing?.discriminator ?? [];
      const ms = disc.map((d) => discriminatorMatcher(s, d));
      const bad = disc.length ? ms.find((x): x is string => typeof x === 'string') : 'slicing without discriminators';
      const fns = ms as Matcher[];
      m = bad ?? ((it: Inst) => fns.every((f) => f(it)));
      ProfileChecker.matchers.set(s, m);
    }
    return m;
  }

  private slicing(n: ProfileNode, items: Inst[], parentPath: string): void {
    const matched = new Set<Inst>();
    let complete = true;
    for (const s of n.slices) {
      const m = this.matcher(n, s);
      if (typeof m === 'string') {
        this.warn(`slice ${s.id}: ${m}`);
        complete = false;
        continue;
      }
      const mine = items.filter(m);
      for (const it of mine) matched.add(it);
      this.cardinality(s, mine.length, parentPath, 0, Infinity, true);
      for (const it of mine) this.values(s, it);
      for (const child of s.children.values()) for (const it of mine) this.node(child, it);
    }
    if (complete && n.slicing?.rules === 'closed') {
      for (const it of items) if (!matched.has(it)) this.error('structure', it.path, `This element does not match any slice of ${n.id}, and the slicing is closed`);
    }
  }
}
