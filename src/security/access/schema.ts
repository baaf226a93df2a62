import type { Dialect } from '../../fhir/store/db.js';
import { pk, txt } from '../../fhir/store/sql-types.js';

// access_policy  per tenant and role: the policy an admin saved (absent = the default in default-policies.ts)
// access_grant   break-glass grants: a user may open one patient's record until `expires`
export const ACCESS_MIGRATION = {
  version: 5,
  name: 'access policies and break-glass grants',
  sql: (d: Dialect): string => {
    const T = txt(d);
    return `
CREATE TABLE access_policy (
  tenant ${T} NOT NULL,
  role ${T} NOT NULL,
  policy TEXT NOT NULL,
  updated BIGINT NOT NULL,
  updated_by ${T} NOT NULL,
  PRIMARY KEY (tenant, role)
);
CREATE TABLE access_grant (
  id ${pk(d)},
  tenant ${T} NOT NULL,
  user_id ${T} NOT NULL,
  patient_id ${T} NOT NULL,
  reason TEXT NOT NULL,
  created BIGINT NOT NULL,
  expires BIGINT NOT NULL
);
CREATE INDEX access_grant_user ON access_grant (tenant, user_id, expires);
`;
  },
};
