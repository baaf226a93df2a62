// Official R4 examples (hl7.fhir.r4.examples 4.0.1) that are themselves invalid against the R4
// base definitions. r4-examples.test.ts expects errors for exactly these files and none elsewhere.
export const KNOWN_BAD_EXAMPLES: ReadonlyMap<string, string> = new Map([
  // Reference targets outside the element's targetProfile list
  ['DeviceMetric-example.json', 'DeviceMetric.parent references a DeviceDefinition; R4 allows only Device'],
  ['DeviceUseStatement-example.json', 'DeviceUseStatement.reasonReference references a Procedure; R4 allows Condition, Observation, DiagnosticReport, DocumentReference, Media'],
  ['MedicationRequest-medrx0301.json', 'MedicationRequest.dispenseRequest.performer references a Practitioner; R4 allows only Organization'],
  ['Observation-clinical-gender.json', 'Observation.performer references an Encounter, which is not an allowed performer type'],
  // Missing required elements
  ['Questionnaire-qs1.json', 'nested Questionnaire.item entries have no linkId (min 1)'],
  ['ig-r4.json', 'ImplementationGuide without name and status (min 1), and a SearchParameter id longer than 64 characters'],
]);
