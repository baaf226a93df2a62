// The R4 Patient compartment (CompartmentDefinition/patient): which search parameters of which
// resource types put a resource into a patient's compartment.
import { loadR4Json } from './definitions.js';

let patientParams: Map<string, readonly string[]> | undefined;

function load(): Map<string, readonly string[]> {
  if (!patientParams) {
    const def = loadR4Json('compartmentdefinition-patient.json');
    patientParams = new Map();
    for (const r of def.resource as { code: string; param?: string[] }[]) {
      if (r.param?.length) patientParams.set(r.code, Object.freeze([...r.param]));
    }
  }
  return patientParams;
}

/**
 * Search parameter codes of `type` whose reference values put a resource in the Patient
 * compartment (e.g. Observation → ["subject", "performer"]); empty if the type is not in it.
 * A Patient is also in its own compartment by id (not listed here; Patient → ["link"]).
 */
export function patientCompartmentParams(type: string): readonly string[] {
  return load().get(type) ?? [];
}

/** True if resources of `type` can belong to a Patient compartment. */
export function inPatientCompartment(type: string): boolean {
  return type === 'Patient' || load().has(type);
}

/** All resource types that can be in a Patient compartment, sorted. */
export function patientCompartmentTypes(): string[] {
  const types = new Set(load().keys());
  types.add('Patient');
  return [...types].sort();
}
