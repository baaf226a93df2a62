// One transaction Bundle for a booking step; a failed If-Match (someone else changed that Slot or Appointment
// first) becomes a 409 OperationOutcome with the entry's own explanation, and nothing is written.
import { randomUUID } from 'node:crypto';
import { FhirError, conflict } from '../../../fhir/errors.js';
import type { RequestContext } from '../../../fhir/store/repository.js';
import type { Resource } from '../../../fhir/types.js';
import type { ModuleDeps } from '../../module.js';

export interface Entry {
  fullUrl?: string;
  resource: Resource;
  request: { method: 'POST' | 'PUT'; url: string; ifMatch?: string };
  /** the 409 message when this entry's If-Match fails */
  onConflict?: string;
}

export const put = (r: Resource, onConflict?: string): Entry => ({
  resource: r, request: { method: 'PUT', url: `${r.resourceType}/${r.id}`, ...(r.meta?.versionId ? { ifMatch: `W/"${r.meta.versionId}"` } : {}) },
  ...(onConflict ? { onConflict } : {}),
});

export const post = (r: Resource): Entry & { fullUrl: string } => ({ fullUrl: `urn:uuid:${randomUUID()}`, resource: r, request: { method: 'POST', url: r.resourceType } });

/** Commit the entries; answers the stored resources in entry order. */
export async function commit(transaction: ModuleDeps['transaction'], ctx: RequestContext, entries: Entry[]): Promise<Resource[]> {
  try {
    const res = await transaction(ctx, {
      resourceType: 'Bundle', type: 'transaction',
      entry: entries.map(({ onConflict: _c, ...e }) => e),
    });
    return ((res.entry as { resource?: Resource }[] | undefined) ?? []).map((e) => e.resource as Resource);
  } catch (e) {
    if (e instanceof FhirError && (e.status === 412 || e.status === 409)) {
      const i = Number(/^Bundle\.entry\[(\d+)\]/.exec(e.message)?.[1]);
      throw conflict(entries[i]?.onConflict ?? 'The record was changed by someone else meanwhile; reload and try again');
    }
    throw e;
  }
}
