// Required ValueSet bindings on coded values: code/string/uri (any system), and Coding,
// CodeableConcept and Quantity, whose codings are checked when their system is one the ValueSet
// draws on. Unexpandable ValueSets are skipped.
import { clip } from './primitives.js';
import { expandValueSet } from './terminology.js';

export type BindingReport = (path: string, diagnostics: string) => void;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function checkBinding(vs: string, type: string, v: unknown, path: string, report: BindingReport): void {
  const exp = expandValueSet(vs);
  if (!exp) return;
  if (typeof v === 'string') {
    if (!exp.all.has(v)) report(path, `The value '${clip(v)}' is not in the required value set ${vs}`);
    return;
  }
  if (!isObj(v)) return;
  const coding = (c: unknown, p: string): void => {
    if (!isObj(c) || typeof c.system !== 'string' || typeof c.code !== 'string') return;
    const codes = exp.bySystem.get(c.system);
    if (codes && !codes.has(c.code)) report(`${p}.code`, `The code '${clip(c.code)}' from ${c.system} is not in the required value set ${vs}`);
  };
  if (type === 'CodeableConcept') {
    if (Array.isArray(v.coding)) v.coding.forEach((c, i) => coding(c, `${path}.coding[${i}]`));
  } else if (type === 'Coding' || type === 'Quantity') coding(v, path);
}
