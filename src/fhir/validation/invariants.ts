// FHIRPath invariants (constraint.severity = error): compiled once per context, evaluated with
// the fast subset (fhirpath-lite.ts) and, when it cannot decide, with fhirpath.js.
import fhirpath from 'fhirpath';
import r4 from 'fhirpath/fhir-context/r4/index.js';
import { BAIL, compileLite, Unsupported, type EvalEnv, type LiteCheck, type LiteModel } from './fhirpath-lite.js';
import type { RawConstraint } from './sd-source.js';

export type { EvalEnv } from './fhirpath-lite.js';

export interface Invariant {
  key: string;
  human: string;
  expression: string;
  /** False when the node violates the invariant. As in the reference validator, only `true` passes: empty fails. */
  check(node: unknown, env: EvalEnv): boolean;
}

/** Checked directly in walk.ts (cheaper); txt-1/txt-2 are HTML checks, approximated in narrative.ts. */
const STRUCTURAL = new Set(['ele-1', 'dom-2', 'dom-3', 'dom-4', 'dom-5', 'ref-1', 'txt-1', 'txt-2']);
// Need resolution of references, terminology or HTML parsing: not evaluable in a local validator.
const NEEDS_CONTEXT = /resolve\(\)|htmlChecks|memberOf|conformsTo|%terminologies|%vs-|%ext-/;

const skipped = new Map<string, string>();
const viaFhirpathJs = new Map<string, string>();
const stats = { lite: 0, fhirpath: 0, fallbacks: 0 };

/** Invariant keys that are never evaluated, with the reason. */
export function skippedInvariants(): ReadonlyMap<string, string> {
  return skipped;
}

/** How the compiled invariants are evaluated (for reports and benchmarks). */
export function invariantStats(): { lite: number; fhirpath: number; fallbacks: number; structural: string[]; viaFhirpathJs: ReadonlyMap<string, string> } {
  return { ...stats, structural: [...STRUCTURAL], viaFhirpathJs };
}

type FpFn = (node: unknown, env: Record<string, unknown>) => unknown[];

function compileFhirpathJs(expr: string, base: string): FpFn {
  return fhirpath.compile({ base, expression: expr } as any, r4 as any, { resolveInternalTypes: true }) as unknown as FpFn;
}

function fpResult(r: unknown[]): boolean {
  if (r.length === 0) return false;
  if (r.length > 1) return true; // not a boolean: not evidence of a violation
  const v: any = r[0];
  return v !== false && !(v && typeof v === 'object' && 'data' in v && v.data === false);
}

// Known errata in the R4 expressions, corrected as the reference validator does.
const ERRATA: Record<string, string> = {
  'que-12': 'enableWhen.count() > 1 implies enableBehavior.exists()', // R4 says "> 2"; its human text says "more than one"
};

/**
 * Compiles one constraint for nodes of `context` (a model, or a primitive type code). `base` is
 * the fhirpath.js type path of the context (e.g. "Period", "Observation.referenceRange").
 * Returns undefined for structural and skipped constraints.
 */
export function compileInvariant(c: RawConstraint, context: LiteModel | string, base: string, resource?: LiteModel): Invariant | undefined {
  if (STRUCTURAL.has(c.key)) return undefined;
  if (ERRATA[c.key]) c = { ...c, expression: ERRATA[c.key] };
  if (NEEDS_CONTEXT.test(c.expression)) {
    skipped.set(c.key, 'needs reference resolution, terminology or an HTML parser');
    return undefined;
  }
  let lite: LiteCheck | undefined;
  try {
    lite = compileLite(c.expression, context, resource);
    stats.lite++;
  } catch (e) {
    if (!(e instanceof Error)) throw e; // Unsupported or a parse error: use fhirpath.js
    viaFhirpathJs.set(c.key, e instanceof Unsupported ? e.message : `parse: ${e.message}`);
  }
  let fp: FpFn | undefined;
  const fpCompile = (): FpFn | undefined => {
    if (fp) return fp;
    try {
      fp = compileFhirpathJs(c.expression, base);
    } catch (e) {
      skipped.set(c.key, `fhirpath.js cannot compile it: ${(e as Error).message.slice(0, 80)}`);
    }
    return fp;
  };
  if (!lite) {
    if (!fpCompile()) return undefined;
    stats.fhirpath++;
  }
  return {
    key: c.key,
    human: c.human,
    expression: c.expression,
    check(node, env) {
      if (lite) {
        try {
          return lite(node, env) === true;
        } catch (e) {
          if (e !== BAIL) throw e;
          stats.fallbacks++;
        }
      }
      const f = fpCompile();
      if (!f) return true;
      try {
        return fpResult(f(node, { resource: env.resource, rootResource: env.rootResource }));
      } catch {
        return true; // an evaluation error in fhirpath.js is not evidence of invalid content
      }
    },
  };
}
