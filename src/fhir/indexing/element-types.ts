// Element type lookups over fhirpath.js's R4 model tables, so the fast path labels every element
// with the same FHIR type fhirpath.js would (valueQuantity → Quantity, Patient.id → System.String).
import r4 from 'fhirpath/fhir-context/r4/index.js';

/** Where an element sits: its FHIR type and the path its children are looked up under. */
export interface Shape { type: string; path: string }

export type ChildInfo =
  | { kind: 'single'; shape: Shape }
  | { kind: 'choice'; variants: ReadonlyMap<string, Shape> }; // JSON suffix ("Quantity") → shape

const path2Type = r4.path2Type as Record<string, string>;
const choicePaths = r4.choiceTypePaths as Record<string, string[]>;
const elsewhere = r4.pathsDefinedElsewhere as Record<string, string>;
const type2Parent = r4.type2Parent as Record<string, string>;

/** The shape of a value of a (non-backbone) type; backbone elements keep their full path. */
export function shapeOf(type: string, path?: string): Shape {
  return { type, path: type === 'BackboneElement' || type === 'Element' ? (path ?? type) : type };
}

const PRIMITIVE_SUFFIXES = new Set(['Base64Binary', 'Boolean', 'Canonical', 'Code', 'Date', 'DateTime', 'Decimal', 'Id',
  'Instant', 'Integer', 'Markdown', 'Oid', 'PositiveInt', 'String', 'Time', 'UnsignedInt', 'Uri', 'Url', 'Uuid']);

function suffixType(suffix: string): string {
  return PRIMITIVE_SUFFIXES.has(suffix) ? suffix.charAt(0).toLowerCase() + suffix.slice(1) : suffix;
}

const childCache = new Map<string, ChildInfo | null>();

/** Type information for child `name` of an element; null if the model does not know it. */
export function childInfo(parent: Shape, name: string): ChildInfo | null {
  const key = parent.path + '\u0000' + parent.type + '\u0000' + name;
  let info = childCache.get(key);
  if (info === undefined) {
    info = computeChild(parent, name);
    childCache.set(key, info);
  }
  return info;
}

function computeChild(parent: Shape, name: string): ChildInfo | null {
  if (parent.type.startsWith('System.') || /^[a-z]/.test(parent.type)) return null; // primitives
  if (parent.type === 'Resource' || parent.type === 'DomainResource') return null; // needs the runtime type
  let full = `${parent.path}.${name}`;
  full = elsewhere[full] ?? full;
  const choice = choicePaths[full];
  if (choice) {
    const variants = new Map<string, Shape>();
    for (const suffix of choice) {
      const type = path2Type[full + suffix] ?? suffixType(suffix);
      variants.set(suffix, shapeOf(type, full + suffix));
    }
    return { kind: 'choice', variants };
  }
  const type = path2Type[full];
  if (!type) return null;
  return { kind: 'single', shape: shapeOf(type, full) };
}

// fhirpath.js's automatic FHIR → System conversions, used by ofType()/as().
const TO_SYSTEM: Record<string, string> = {
  boolean: 'Boolean', string: 'String', uri: 'String', code: 'String', oid: 'String', id: 'String', uuid: 'String',
  markdown: 'String', base64Binary: 'String', integer: 'Integer', unsignedInt: 'Integer', positiveInt: 'Integer',
  decimal: 'Decimal', date: 'DateTime', dateTime: 'DateTime', instant: 'DateTime', time: 'Time', Quantity: 'Quantity',
};

/** Whether an element of FHIR type `nodeType` passes `ofType(spec)`, as fhirpath.js decides it. */
export function typeMatches(nodeType: string, spec: string): boolean {
  if (nodeType.startsWith('System.')) {
    const name = nodeType.slice(7);
    return spec === name || spec === 'System.' + name;
  }
  let name = spec;
  let systemOk = true;
  let fhirOk = true;
  if (spec.startsWith('System.')) { name = spec.slice(7); fhirOk = false; }
  else if (spec.startsWith('FHIR.')) { name = spec.slice(5); systemOk = false; }
  if (systemOk && TO_SYSTEM[nodeType] === name) return true;
  if (!fhirOk) return false;
  for (let t: string | undefined = nodeType; t; t = type2Parent[t]) if (t === name) return true;
  return false;
}

const resourceTypes = new Set(Object.keys(type2Parent).filter((type) => {
  for (let t: string | undefined = type2Parent[type]; t; t = type2Parent[t]) if (t === 'Resource') return true;
  return false;
}));

/** Whether `type` is a resource type in fhirpath.js's R4 model (includes abstract DomainResource). */
export function isModelResourceType(type: string): boolean {
  return resourceTypes.has(type);
}
