import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { formatScopes, grantScopes, parseScopes, scopeAllows } from './scopes.js';

const norm = (s: string) => formatScopes(parseScopes(s));
const grant = (req: string, allowed: string, levels: ('patient' | 'user' | 'system')[] = ['patient', 'user']) =>
  formatScopes(grantScopes(parseScopes(req), parseScopes(allowed), levels));

describe('SMART scopes', () => {
  test('v2 scopes parse and normalise to c r u d s order', () => {
    assert.equal(norm('patient/Observation.rs user/*.cruds system/*.rs'), 'patient/Observation.rs user/*.cruds system/*.rs');
    assert.equal(norm('patient/Observation.sr'), 'patient/Observation.rs');
    assert.equal(norm('patient/Observation.rs?category=laboratory'), 'patient/Observation.rs?category=laboratory');
  });

  test('v1 scopes map to v2', () => {
    assert.equal(norm('patient/*.read'), 'patient/*.rs');
    assert.equal(norm('user/Observation.write'), 'user/Observation.cud');
    assert.equal(norm('user/*.*'), 'user/*.cruds');
  });

  test('launch, identity and refresh scopes are kept; unknown and malformed ones dropped; duplicates merged', () => {
    assert.equal(norm('launch launch/patient openid fhirUser offline_access online_access'), 'launch launch/patient openid fhirUser offline_access online_access');
    assert.equal(norm('admin patient/observation.rs patient/*.rr patient/*.x user/*.read; launch;'), '');
    assert.equal(norm('patient/*.r patient/*.s openid openid'), 'patient/*.rs openid');
  });

  test('granted ⊆ requested ∩ allowed', () => {
    assert.equal(grant('patient/*.cruds', 'patient/*.rs'), 'patient/*.rs');
    assert.equal(grant('patient/*.rs', 'patient/Observation.rs patient/Condition.r'), 'patient/Observation.rs patient/Condition.r');
    assert.equal(grant('patient/Observation.cruds', 'patient/*.rs'), 'patient/Observation.rs');
    assert.equal(grant('patient/Observation.rs', 'patient/Condition.rs'), '');
    assert.equal(grant('openid fhirUser offline_access', 'openid'), 'openid');
  });

  test('escalation across levels is impossible', () => {
    assert.equal(grant('user/*.cruds system/*.cruds', 'patient/*.cruds'), '');
    assert.equal(grant('system/*.rs', 'system/*.rs'), '', 'system scopes are not granted in user flows');
    assert.equal(grant('patient/*.rs system/*.rs', 'patient/*.rs system/*.rs', ['system']), 'system/*.rs');
  });

  test('granular scopes: a query narrows, a different query is not granted', () => {
    assert.equal(grant('patient/Observation.rs', 'patient/Observation.rs?category=vital-signs'), 'patient/Observation.rs?category=vital-signs');
    assert.equal(grant('patient/Observation.rs?category=laboratory', 'patient/Observation.rs?category=vital-signs'), '');
    assert.equal(grant('patient/Observation.rs?category=laboratory', 'patient/*.rs'), 'patient/Observation.rs?category=laboratory');
  });

  test('scopeAllows checks level, type and interaction', () => {
    const s = parseScopes('patient/Observation.rs user/*.r patient/Condition.rs?category=problem-list-item');
    assert.equal(scopeAllows(s, { level: 'patient', type: 'Observation', interaction: 'r' }), true);
    assert.equal(scopeAllows(s, { level: 'patient', type: 'Observation', interaction: 'c' }), false);
    assert.equal(scopeAllows(s, { level: 'patient', type: 'Patient', interaction: 'r' }), false);
    assert.equal(scopeAllows(s, { level: 'user', type: 'Patient', interaction: 'r' }), true);
    assert.equal(scopeAllows(s, { level: 'user', type: 'Patient', interaction: 's' }), false);
    assert.equal(scopeAllows(s, { level: 'system', type: 'Patient', interaction: 'r' }), false);
    assert.equal(scopeAllows(s, { level: 'patient', type: 'Condition', interaction: 'r' }), false, 'granular scopes grant nothing here');
  });
});
