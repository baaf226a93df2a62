// The identity parts shared by patients, staff and their contacts: names, 身份证, phone numbers.
import { makeIdCard } from './id-card.js';
import { GIVEN_CHARS, SURNAMES, givenNamePinyin, type Era, type Sex, type Surname } from './names.js';
import type { Rng } from './random.js';
import type { Region } from './regions.js';

export interface ChineseName {
  family: string;
  given: string;
  familyPinyin: string;
  givenPinyin: string;
}

export function eraOf(birthYear: number): Era {
  if (birthYear < 1970) return 'old';
  return birthYear < 1995 ? 'mid' : 'young';
}

const SINGLE_CHAR_SHARE: Record<Era, number> = { old: 0.3, mid: 0.35, young: 0.12 };

export function pickSurname(rng: Rng): Surname {
  return rng.weighted(SURNAMES, (s) => s.share);
}

/** A 1–2 character given name typical of the sex and birth year; 婷婷-style doubling for some women. */
export function chineseName(rng: Rng, sex: Sex, birthYear: number, surname: Surname = pickSurname(rng)): ChineseName {
  const era = eraOf(birthYear);
  const pool = [...GIVEN_CHARS[sex][era]];
  let given: string;
  if (rng.chance(SINGLE_CHAR_SHARE[era])) {
    given = rng.pick(pool);
  } else if (sex === 'female' && era === 'mid' && rng.chance(0.06)) {
    const ch = rng.pick(pool);
    given = ch + ch;
  } else {
    const first = rng.pick(pool);
    given = first + rng.pick(pool.filter((ch) => ch !== first));
  }
  if (given === surname.zh) given = given + rng.pick(pool.filter((ch) => ch !== given));
  return { family: surname.zh, given, familyPinyin: surname.pinyin, givenPinyin: givenNamePinyin(given) };
}

export function nameText(n: ChineseName): string {
  return n.family + n.given;
}

/** name[0] Chinese (official), name[1] the pinyin spelling (usual), as GB/T 28039 writes it: "Wang Xiaoming". */
export function humanNames(n: ChineseName): Record<string, unknown>[] {
  return [
    { use: 'official', text: nameText(n), family: n.family, given: [n.given] },
    { use: 'usual', text: `${n.familyPinyin} ${n.givenPinyin}`, family: n.familyPinyin, given: [n.givenPinyin] },
  ];
}

/** 11-digit mobile numbers on the long-standing 13x/15x/18x prefixes (154 was never issued). */
const MOBILE_PREFIXES = [
  ...Array.from({ length: 10 }, (_, i) => `13${i}`),
  ...[0, 1, 2, 3, 5, 6, 7, 8, 9].map((i) => `15${i}`),
  ...Array.from({ length: 10 }, (_, i) => `18${i}`),
];

export function mobileNumber(rng: Rng): string {
  return rng.pick(MOBILE_PREFIXES) + String(rng.int(0, 99_999_999)).padStart(8, '0');
}

/** Issues 身份证 numbers, never the same one twice in one demo hospital. */
export class IdCardIssuer {
  private readonly issued = new Set<string>();

  issue(rng: Rng, region: Region, birthDate: string, sex: Sex): string {
    for (;;) {
      const id = makeIdCard(region.code, birthDate, sex, rng.int(1, 499));
      if (!this.issued.has(id)) {
        this.issued.add(id);
        return id;
      }
    }
  }
}
