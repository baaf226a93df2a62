// The structural walk: one pass over the JSON, driven by the compiled TypeModels. Checks
// elements, JSON shapes, cardinality, primitives, choices, references, required bindings,
// contained resources (dom-2..5) and invariants.
import type { OperationOutcomeIssue } from '../types.js';
import { checkBinding } from './bindings.js';
import type { EvalEnv } from './invariants.js';
import { ElementModel, getModel, isResourceType, type TypeModel } from './model.js';
import { checkNarrativeDiv } from './narrative.js';
import { clip, jsonKind } from './primitives.js';
import { parseReference } from './references.js';
import { checkUri, TYPE_RULES, type Report } from './rules.js';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Per-resource state: the FHIRPath environment and what dom-3/ref-1 need. */
class Scope implements EvalEnv {
  readonly rootResource: unknown;
  containedIds?: Set<string>; // on the root scope, when it has contained resources
  localRefs?: Set<string>; // "#..." references seen anywhere in the root resource
  refersToContainer = false; // a contained resource with a "#" reference

  constructor(readonly resource: Obj, readonly root: Scope | null) {
    this.rootResource = root ? root.resource : resource;
  }

  get top(): Scope {
    return this.root ?? this;
  }
}

export class Walker {
  readonly issues: OperationOutcomeIssue[] = [];
  private readonly containedScopes = new Map<unknown, Scope>(); // contained resource -> its scope, for dom-3

  error(code: string, path: string, diagnostics: string): void {
    this.issues.push({ severity: 'error', code, diagnostics, expression: [path] });
  }

  private readonly report: Report = (code, path, diagnostics) => this.error(code, path, diagnostics);
  private readonly reportCode = (path: string, diagnostics: string): void => this.error('code-invalid', path, diagnostics);

  /** Validates a resource (top level, contained, or in a Bundle entry / Parameters). */
  resource(obj: Obj, path: string, container: Scope | null): void {
    const rt = obj.resourceType;
    if (typeof rt !== 'string') {
      this.error('structure', path, 'The resource has no resourceType');
      return;
    }
    const model = isResourceType(rt) ? getModel(rt) : undefined;
    if (!model) {
      this.error('structure', path, `Unknown resource type '${clip(rt)}'`);
      return;
    }
    const scope = new Scope(obj, container ? container.top : null);
    if (container) {
      this.containedScopes.set(obj, scope);
      this.containedRules(obj, path);
    }
    else if (Array.isArray(obj.contained) && obj.contained.length) {
      scope.containedIds = new Set();
      for (const c of obj.contained) if (isObj(c) && typeof c.id === 'string') scope.containedIds.add(c.id);
      scope.localRefs = new Set();
    }
    this.object(obj, model, path, scope);
    if (!container && scope.localRefs) this.dom3(obj.contained as unknown[], path, scope);
  }

  // dom-2, dom-4, dom-5 for one contained resource.
  private containedRules(obj: Obj, path: string): void {
    if (obj.contained !== undefined) this.error('invariant', path, 'dom-2: If the resource is contained in another resource, it SHALL NOT contain nested Resources');
    const meta = obj.meta;
    if (isObj(meta)) {
      if (meta.versionId !== undefined || meta.lastUpdated !== undefined) this.error('invariant', path, 'dom-4: If a resource is contained in another resource, it SHALL NOT have a meta.versionId or a meta.lastUpdated');
      if (meta.security !== undefined) this.error('invariant', path, 'dom-5: If a resource is contained in another resource, it SHALL NOT have a security label');
    }
  }

  // dom-3: every contained resource is referenced from the container (or another contained
  // resource), or itself refers to the container with "#".
  private dom3(contained: unknown[], path: string, scope: Scope): void {
    contained.forEach((c, i) => {
      if (!isObj(c) || typeof c.id !== 'string') return;
      if (scope.localRefs!.has('#' + c.id) || this.containedScopes.get(c)?.refersToContainer) return;
      this.error('invariant', `${path}.contained[${i}]`, `dom-3: The contained resource '${clip(c.id)}' is not referenced from elsewhere in the containing resource, nor does it refer to the containing resource`);
    });
  }

  object(obj: Obj, model: TypeModel, path: string, scope: Scope): void {
    let choices = 0;
    let content = false;
    for (const key in obj) {
      const v = obj[key];
      const el = model.byName[key];
      if (el === undefined) {
        if (key.charCodeAt(0) === 95) {
          content = true;
          this.companion(obj, key, v, model, path, scope);
        } else if (!(key === 'resourceType' && model.isResource)) this.unknown(key, model, path);
        continue;
      }
      if (key !== 'id') content = true;
      if (el.choiceBit) {
        if (choices & el.choiceBit) this.error('structure', path, `Only one ${model.choiceLabels[31 - Math.clz32(el.choiceBit)]} is allowed; found another: '${key}'`);
        choices |= el.choiceBit;
      }
      if (v === null) {
        this.error('structure', `${path}.${el.label}`, `The property ${key} must not be null`);
      } else if (el.array) {
        if (!Array.isArray(v)) {
          this.error('structure', `${path}.${el.label}`, `The property ${key} must be a JSON Array, not ${jsonKind(v)}`);
          this.value(el, v, `${path}.${el.label}`, scope);
          continue;
        }
        if (v.length === 0) this.error('structure', `${path}.${el.label}`, 'Array cannot be empty - the property should not be present if it has no values');
        else if (v.length > el.max) this.error('structure', `${path}.${el.label}`, `${model.name}.${el.fpName}: max allowed = ${el.max}, but found ${v.length}`);
        for (let i = 0; i < v.length; i++) {
          const item = v[i];
          if (item !== null) this.value(el, item, `${path}.${el.label}[${i}]`, scope);
          else if (!(el.isPrimitive && isObj((obj['_' + key] as unknown[] | undefined)?.[i]))) this.error('structure', `${path}.${el.label}[${i}]`, `The array ${key} must not contain null without a matching _${key} entry`);
        }
      } else if (Array.isArray(v)) {
        this.error('structure', `${path}.${el.label}`, `The property ${key} must be a single value, not a JSON Array`);
      } else this.value(el, v, `${path}.${el.label}`, scope);
    }
    if (!content && !model.isResource) this.error('invariant', path, 'ele-1: All FHIR elements must have a @value or children');
    for (const g of model.required) {
      let found = false;
      for (const n of g.names) if (obj[n] !== undefined) { found = true; break; }
      if (!found) this.error('required', path, `${model.name}.${g.label}: minimum required = 1, but only found 0`);
    }
    for (const inv of model.constraints) {
      if (!inv.check(obj, scope)) this.error('invariant', path, `${inv.key}: ${inv.human}`);
    }
    let rule = model.rule;
    if (rule === undefined) rule = model.rule = TYPE_RULES.get(model.name) ?? null;
    if (rule) rule(obj, path, this.report);
  }

  private unknown(key: string, model: TypeModel, path: string): void {
    const lower = key.toLowerCase();
    let hint = '';
    for (const name of model.elements.keys()) if (name.toLowerCase() === lower) hint = ` (did you mean '${name}'?)`;
    this.error('structure', path, `Unrecognized element '${clip(key)}'${hint}`);
  }

  // `_name`: the id/extensions of primitive `name` (an array of them, aligned, if `name` repeats).
  private companion(obj: Obj, key: string, v: unknown, model: TypeModel, path: string, scope: Scope): void {
    const el = model.elements.get(key.slice(1));
    if (!el || !el.isPrimitive) {
      this.unknown(key, model, path);
      return;
    }
    const elementModel = getModel('Element')!;
    const p = `${path}.${el.label}`;
    if (el.array) {
      if (!Array.isArray(v)) {
        this.error('structure', p, `The property ${key} must be a JSON Array, not ${jsonKind(v)}`);
        return;
      }
      const values = obj[el.name];
      if (values !== undefined && (!Array.isArray(values) || values.length !== v.length)) this.error('structure', p, `The arrays ${el.name} and ${key} must have the same length`);
      for (let i = 0; i < v.length; i++) {
        const item = v[i];
        if (item === null) continue;
        if (isObj(item)) this.object(item, elementModel, `${p}[${i}]`, scope);
        else this.error('structure', `${p}[${i}]`, `Entries of ${key} must be objects or null, not ${jsonKind(item)}`);
      }
    } else if (isObj(v)) this.object(v, elementModel, p, scope);
    else this.error('structure', p, `The property ${key} must be an object, not ${jsonKind(v)}`);
  }

  private value(el: ElementModel, v: unknown, path: string, scope: Scope): void {
    if (el.isPrimitive) {
      if (typeof v !== el.jsonType) {
        this.error('value', path, `Wrong JSON type for ${el.type}: expected a JSON ${el.jsonType}, found ${jsonKind(v)}`);
        return;
      }
      const problem = el.prim!(v);
      if (problem) {
        this.error('value', path, `Invalid ${el.type}: ${problem}`);
        return;
      }
      if (typeof v === 'string') {
        if (el.binding) checkBinding(el.binding, el.type, v, path, this.reportCode);
        if (el.type === 'uri' || el.type === 'canonical' || el.type === 'url') {
          if (v.charCodeAt(0) === 35 && scope.top.localRefs) this.localRef(v, scope); // dom-3 counts these too
          const bad = checkUri(v, el.canonicalUrl);
          if (bad) this.error('value', path, bad);
        } else if (el.type === 'xhtml') {
          const bad = checkNarrativeDiv(v);
          // txt-2 (empty narrative) is harmless and not enforced by the reference validator: warn only
          if (bad) this.issues.push({ severity: bad[0] === 'txt-2' ? 'warning' : 'error', code: 'invariant', diagnostics: `${bad[0]}: ${bad[1]}`, expression: [path] });
        }
      }
      for (const inv of el.constraints) if (!inv.check(v, scope)) this.error('invariant', path, `${inv.key}: ${inv.human}`);
      return;
    }
    if (!isObj(v)) {
      this.error('structure', path, `The property must be a JSON object (${el.type}), not ${jsonKind(v)}`);
      return;
    }
    if (el.isResource) {
      this.resource(v, path, el.name === 'contained' ? scope : null);
      return;
    }
    const m = el.childModel();
    if (!m) return;
    this.object(v, m, path, scope);
    if (el.type === 'Reference') this.reference(v, el, path, scope);
    else if (el.binding) checkBinding(el.binding, el.type, v, path, this.reportCode);
    for (const inv of el.constraints) if (!inv.check(v, scope)) this.error('invariant', path, `${inv.key}: ${inv.human}`);
  }

  private localRef(ref: string, scope: Scope): void {
    scope.top.localRefs?.add(ref);
    if (ref === '#' && scope.root) scope.refersToContainer = true;
  }

  private reference(v: Obj, el: ElementModel, path: string, scope: Scope): void {
    const ref = v.reference;
    if (typeof ref !== 'string') return;
    const parsed = parseReference(ref);
    if (parsed.error) {
      this.error('value', `${path}.reference`, parsed.error);
    } else if (parsed.warning) {
      this.issues.push({ severity: 'warning', code: 'value', diagnostics: parsed.warning, expression: [`${path}.reference`] });
    } else if (parsed.local) {
      this.localRef(ref, scope);
      if (ref.length > 1 && !scope.top.containedIds?.has(ref.slice(1))) {
        this.error('invariant', path, `ref-1: SHALL have a contained resource if a local reference is provided ('${clip(ref)}' not found)`);
      }
    } else if (parsed.type && el.targets && !el.targets.has(parsed.type)) {
      this.error('structure', `${path}.reference`, `The reference '${clip(ref)}' targets a ${parsed.type}, but only ${[...el.targets].join(', ')} ${el.targets.size > 1 ? 'are' : 'is'} allowed here`);
    }
  }
}
