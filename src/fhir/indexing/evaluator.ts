// Compiles a search expression for one resource type: each union alternative goes through the
// fast path when it can, else through fhirpath.js. Alternatives are evaluated separately and
// concatenated (values are de-duplicated later): fhirpath.js's own `|` de-duplication throws on
// Quantities with a comparator. Compiled once, cached.
import { alternativesFor, rewriteForFhirpath } from './expression.js';
import { compileFastPath, type Evaluator, type Node } from './fast-path.js';
import { compileFhirpath } from './fhirpath-eval.js';
import type { Shape } from './element-types.js';

export interface CompileOptions {
  /** evaluation context for relative expressions (composite components); default: the resource */
  context?: Shape;
  /** false forces fhirpath.js for every alternative (used to cross-check the fast path) */
  fastPath?: boolean;
}

export interface CompiledExpression {
  evaluate: Evaluator;
  /** number of union alternatives that apply to the type, and how many run on the fast path */
  alternatives: number;
  fast: number;
}

const cache = new Map<string, CompiledExpression>();
const NONE: Node[] = [];

/** Compiles `expr` for `resourceType`; throws if fhirpath.js cannot compile the slow part. */
export function compileExpression(expr: string, resourceType: string, opts: CompileOptions = {}): CompiledExpression {
  const useFast = opts.fastPath !== false;
  const ctx = opts.context;
  const key = `${useFast ? 'f' : 's'}\u0000${resourceType}\u0000${ctx ? ctx.type + '@' + ctx.path : ''}\u0000${expr}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const alts = alternativesFor(expr, resourceType);
  const fns: Evaluator[] = [];
  let fast = 0;
  for (const alt of alts) {
    const f = useFast ? compileFastPath(alt, resourceType, ctx) : null;
    if (f) fast++;
    fns.push(f ?? compileFhirpath(rewriteForFhirpath(alt), ctx));
  }
  const compiled: CompiledExpression = { evaluate: combine(fns), alternatives: alts.length, fast };
  cache.set(key, compiled);
  return compiled;
}

function combine(fns: Evaluator[]): Evaluator {
  if (fns.length === 0) return () => NONE;
  if (fns.length === 1) return fns[0];
  return (ctx, root) => {
    const out: Node[] = [];
    for (const f of fns) for (const n of f(ctx, root)) out.push(n);
    return out;
  };
}
