// The smart guide's input kept as the pre-visit note: the guide (H1's module) runs again on what the patient entered
// and turns input + answer into a QuestionnaireResponse, stored with the booking in its transaction.
import { badRequest } from '../../../fhir/errors.js';
import type { Resource } from '../../../fhir/types.js';
import { runGuide, type GuideInput } from '../guide/engine.js';
import { guideResponse } from '../guide/questionnaire-response.js';

/** The same checks POST /api/guide makes beyond its JSON schema. */
export function checkGuideInput(g: GuideInput): void {
  if (!g.text.trim()) throw badRequest('guide.text must say something', ['guide.text']);
  if (g.pregnant && g.sex === 'male') throw badRequest('guide.pregnant cannot be true when guide.sex is male', ['guide.pregnant']);
}

export function guideNote(input: unknown, patient: string, authored: string): Resource {
  const g = input as GuideInput;
  return guideResponse(g, runGuide(g), { patient, authored });
}
