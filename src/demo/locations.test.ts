import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Resource } from '../fhir/types.js';
import { SYS } from './codes.js';
import { generateDemoHospital } from './generate.js';
import { PROBLEMS } from './problems.js';
import { WARDS } from './location-plan.js';

const kind = (l: any): string => l.physicalType.coding[0].code;

function bedBoard(out: Resource[]): { locations: Map<string, any>; beds: any[]; admittedBeds: string[] } {
  const locations = new Map<string, any>(out.filter((r) => r.resourceType === 'Location').map((l) => [`Location/${l.id}`, l]));
  const beds = [...locations.values()].filter((l) => kind(l) === 'bd');
  const admittedBeds = out
    .filter((r: any) => r.resourceType === 'Encounter' && r.class.code === 'IMP' && r.status === 'in-progress')
    .map((e: any) => e.location.find((l: any) => l.physicalType.coding[0].code === 'bd').location.reference);
  return { locations, beds, admittedBeds };
}

describe('Location tree', () => {
  const out = generateDemoHospital();
  const { locations, beds, admittedBeds } = bedBoard(out);

  it('runs bed → room → ward → building → campus', () => {
    for (const bed of beds) {
      const chain = [kind(bed)];
      let at = bed;
      while (at.partOf) {
        at = locations.get(at.partOf.reference);
        chain.push(kind(at));
      }
      assert.deepEqual(chain, ['bd', 'ro', 'wa', 'bu', 'si'], bed.id);
    }
  });

  it('has realistic sizes: ~9 wards of 6–12 rooms, 2–4 beds a room, two campuses', () => {
    const all = [...locations.values()];
    assert.equal(all.filter((l) => kind(l) === 'si').length, 2);
    const wards = all.filter((l) => kind(l) === 'wa');
    assert.equal(wards.length, WARDS.length);
    for (const w of wards) {
      const rooms = all.filter((l) => kind(l) === 'ro' && l.partOf?.reference === `Location/${w.id}`);
      assert.ok(rooms.length >= 6 && rooms.length <= 12, w.id);
      for (const r of rooms) {
        const n = beds.filter((b) => b.partOf.reference === `Location/${r.id}`).length;
        assert.ok(n >= 1 && n <= 4, r.id);
      }
      assert.match(w.managingOrganization.reference, /^Organization\/dept-/);
    }
    assert.ok(beds.length >= 150 && beds.length <= 350, `${beds.length} beds`);
  });

  it('gives every clinical department with patients a clinic room', () => {
    const clinicsOf = new Set([...locations.values()].filter((l) => /^clinic-/.test(l.id)).map((l) => l.managingOrganization.reference));
    for (const p of PROBLEMS) {
      if (p.settings.includes('AMB')) assert.ok(clinicsOf.has(`Organization/dept-${p.dept}`), p.dept);
    }
  });

  it('has a ward for every department that admits', () => {
    const wardDepts = new Set(WARDS.map((w) => w.dept));
    for (const p of PROBLEMS) if (p.settings.includes('IMP')) assert.ok(wardDepts.has(p.dept), `${p.icd} ${p.dept}`);
  });

  it('marks a bed occupied exactly when an admitted patient is in it', () => {
    const occupied = beds.filter((b) => b.operationalStatus.code === 'O').map((b) => `Location/${b.id}`);
    assert.deepEqual([...occupied].sort(), [...admittedBeds].sort());
    assert.equal(new Set(admittedBeds).size, admittedBeds.length);
    assert.ok(occupied.length >= 25 && occupied.length <= 35, `${occupied.length} admitted`);
    for (const b of beds) {
      assert.equal(b.operationalStatus.system, SYS.v2BedStatus);
      assert.ok(['O', 'U', 'C', 'H', 'I', 'K'].includes(b.operationalStatus.code));
      assert.equal(b.status, b.operationalStatus.code === 'C' ? 'suspended' : 'active');
    }
    const codes = new Set(beds.map((b) => b.operationalStatus.code));
    for (const c of ['O', 'U', 'C', 'I', 'K']) assert.ok(codes.has(c), c);
  });

  it('keeps admissions within the beds there are when patients outnumber them', () => {
    const big = bedBoard(generateDemoHospital({ patients: 3000 }));
    const occupied = big.beds.filter((b) => b.operationalStatus.code === 'O').length;
    assert.equal(occupied, big.admittedBeds.length);
    assert.equal(new Set(big.admittedBeds).size, big.admittedBeds.length);
    assert.ok(occupied > 0.8 * big.beds.length, `${occupied} of ${big.beds.length}`);
  });
});
