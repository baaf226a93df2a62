// Slow path: fhirpath.js with the R4 model, for expressions the fast path does not handle.
// Expressions must already be rewritten with rewriteForFhirpath() (no resolve(), no `as`).
import fhirpath from 'fhirpath';
import r4 from 'fhirpath/fhir-context/r4/index.js';
import type { Evaluator, Node } from './fast-path.js';
import type { Shape } from './element-types.js';

function toNode(item: any): Node | null {
  if (item === null || item === undefined) return null;
  if (typeof item !== 'object' || !('fhirNodeDataType' in item)) {
    // plain results of operators/functions, e.g. `x.exists() and y`
    switch (typeof item) {
      case 'boolean': return { data: item, type: 'boolean', path: 'boolean' };
      case 'string': return { data: item, type: 'string', path: 'string' };
      case 'number': return { data: item, type: 'decimal', path: 'decimal' };
      default: return item instanceof fhirpath.FP_Decimal ? { data: Number(String(item)), type: 'decimal', path: 'decimal' } : null;
    }
  }
  let data = item.data;
  if (data === null || data === undefined) return null; // primitive with only an extension
  if (data instanceof fhirpath.FP_Decimal) data = Number(String(data));
  const type: string = item.fhirNodeDataType ?? (typeof data === 'boolean' ? 'boolean' : typeof data === 'number' ? 'decimal' : typeof data === 'string' ? 'string' : 'Element');
  return { data, type, path: item.path ?? type };
}

/**
 * Compiles with fhirpath.js (throws on syntax errors). With a context shape, the expression is
 * evaluated relative to that element (composite components); `%resource` is the root resource.
 */
export function compileFhirpath(expr: string, context?: Shape): Evaluator {
  const fn = fhirpath.compile(context ? { base: context.path, expression: expr } : expr, r4 as any, { resolveInternalTypes: false });
  return (ctx, root) => {
    const res = fn(context ? ctx.data : root.data, { resource: root.data, rootResource: root.data }) as any[];
    const out: Node[] = [];
    for (const item of res) {
      const n = toNode(item);
      if (n) out.push(n);
    }
    return out;
  };
}
