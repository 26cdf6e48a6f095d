import { describe, expect, it } from 'vitest';
import { parseVaultPolicy } from './parse';
import { writeRole, type RoleWriteOutcome } from './validate-role';
import { convertField, goParseDuration, goParseIntBase0 } from './fields';

function write(role: Record<string, unknown> | string, flavour: 'vault' | 'openbao' = 'vault'): RoleWriteOutcome {
  const outcome = parseVaultPolicy(typeof role === 'string' ? role : JSON.stringify(role));
  if (!outcome.ok) throw new Error(outcome.error.message);
  return writeRole(outcome.policy.role, flavour);
}
const message = (outcome: RoleWriteOutcome) => (outcome.ok ? null : outcome.message);
const base = { role_type: 'jwt', user_claim: 'user', bound_subject: 'x' };

// path_role_test.go TestPath_Create and path_role.go pathRoleCreateUpdate L381–592.
describe('role write (path_role.go pathRoleCreateUpdate)', () => {
  it('stores leeways as given, 0 when omitted (happy path: defaults apply at login)', () => {
    const outcome = write(base);
    expect(outcome.ok && [outcome.role.expirationLeeway, outcome.role.notBeforeLeeway, outcome.role.clockSkewLeeway]).toEqual([0, 0, 0]);
    expect(outcome.ok && outcome.role.boundClaimsType).toBe('string');
  });
  it('parses custom ("5s"), zero and negative ("-1") leeways', () => {
    const custom = write({ ...base, expiration_leeway: '5s', not_before_leeway: '2m30s', clock_skew_leeway: '-1' });
    expect(custom.ok && [custom.role.expirationLeeway, custom.role.notBeforeLeeway, custom.role.clockSkewLeeway]).toEqual([5, 150, -1]);
  });
  it('requires a user claim', () => {
    expect(message(write({ role_type: 'jwt', bound_subject: 'x' }))).toBe('a user claim must be defined on the role');
  });
  it('requires a bound constraint on jwt roles, and counts bound_claims keys', () => {
    expect(message(write({ role_type: 'jwt', user_claim: 'u' }))).toBe('must have at least one bound constraint when creating/updating a role');
    expect(message(write({ role_type: 'jwt', user_claim: 'u', bound_claims: {} }))).toBe('must have at least one bound constraint when creating/updating a role');
    for (const bound of [{ bound_audiences: 'a' }, { token_bound_cidrs: '127.0.0.1/32' }, { bound_claims: { a: 'b' } }, { bound_subject: 's' }]) {
      expect(write({ role_type: 'jwt', user_claim: 'u', ...bound }).ok).toBe(true);
    }
  });
  it('silently drops unknown fields such as the typo bound_claim', () => {
    expect(message(write({ role_type: 'jwt', user_claim: 'u', bound_claim: { x: 'y' } }))).toBe('must have at least one bound constraint when creating/updating a role');
    const outcome = write({ ...base, bound_claim: { x: 'y' } });
    expect(outcome.ok && outcome.role.unknownFields.map((f) => f.key)).toEqual(['bound_claim']);
  });
  it('rejects an invalid bound_claims_type, and an explicit empty one', () => {
    expect(message(write({ ...base, bound_claims_type: 'invalid' }))).toBe("invalid 'bound_claims_type': invalid");
    expect(message(write({ ...base, bound_claims_type: '' }))).toBe("invalid 'bound_claims_type': ");
  });
  it('checks glob values: a number is "not a string", an object "not a string or list"', () => {
    expect(message(write({ ...base, bound_claims_type: 'glob', bound_claims: { foo: 25 } }))).toBe('claim is not a string: 25');
    expect(message(write({ ...base, bound_claims_type: 'glob', bound_claims: { foo: ['baz', 10] } }))).toBe('claim is not a string: 10');
    expect(message(write({ ...base, bound_claims_type: 'glob', bound_claims: { foo: { a: 'b' } } }))).toBe('claim is not a string or list: map[a:b]');
  });
  it('defaults an omitted role_type to oidc, which needs allowed_redirect_uris', () => {
    expect(message(write({ user_claim: 'u', bound_claims: { a: 'b' } }))).toBe("'allowed_redirect_uris' must be set if 'role_type' is 'oidc' or unspecified.");
    const oidc = write({ user_claim: 'u', allowed_redirect_uris: 'https://x/cb' });
    expect(oidc.ok && oidc.role.roleType).toBe('oidc');
  });
  it('is case-sensitive about role_type', () => {
    expect(message(write({ ...base, role_type: 'JWT' }))).toBe("invalid 'role_type': JWT");
  });
  it('guards claim_mappings: reserved "role" and duplicate targets (TestPath_OIDCCreate)', () => {
    expect(message(write({ ...base, claim_mappings: { foo: 'a', some_claim: 'role' } }))).toBe('metadata key "role" is reserved and may not be a mapping destination');
    expect(message(write({ ...base, claim_mappings: { foo: 'a', bar: 'a' } }))).toBe('multiple keys are mapped to metadata key "a"');
  });
  it('runs tokenutil.ParseTokenFields in its order', () => {
    expect(message(write({ ...base, token_ttl: 120, token_max_ttl: 60 }))).toBe("'token_ttl' cannot be greater than 'token_max_ttl'");
    expect(message(write({ ...base, token_type: 'default-service' }))).toBe(`invalid 'token_type' value "default-service"`);
    expect(message(write({ ...base, token_num_uses: -1 }))).toBe("'token_num_uses' cannot be negative");
    expect(message(write({ ...base, token_type: 'batch', token_period: 60 }))).toBe("'token_type' cannot be 'batch' or 'default_batch' when set to generate periodic tokens");
    expect(message(write({ ...base, token_bound_cidrs: 'nonsense' }))).toBe('error parsing address "nonsense": Unable to convert nonsense to an IPv4 or IPv6 address, or a UNIX Socket');
    // The legacy pair only meets the later check.
    expect(message(write({ ...base, ttl: 120, max_ttl: 60 }))).toBe('ttl should not be greater than max ttl');
  });
  it('compares token_period with the default mount maximum (768h)', () => {
    expect(message(write({ ...base, token_period: '769h' }))).toBe(`'period' of '"769h0m0s"' is greater than the backend's maximum lease TTL of '"768h0m0s"'`);
  });
  it('fails field validation before the handler (sdk/framework field_data.go)', () => {
    expect(message(write({ ...base, expiration_leeway: 'abc' }))).toBe('Field validation failed: error converting input abc for field "expiration_leeway": time: invalid duration "abc"');
    expect(message(write({ ...base, bound_claims: 'project_id=22' }))).toBe(`Field validation failed: error converting input project_id=22 for field "bound_claims": '' expected a map, got 'string'`);
    expect(message(write({ ...base, max_age: -1 }))).toBe("Field validation failed: error converting input -1 for field \"max_age\": cannot provide negative value '-1'");
  });
  it('validates callback_mode only in OpenBao', () => {
    expect(write({ ...base, callback_mode: 'x' }).ok).toBe(true);
    expect(message(write({ ...base, callback_mode: 'x' }, 'openbao'))).toBe("invalid 'callback_mode': x");
  });
  it('accepts `vault write` strings for every typed field', () => {
    const outcome = write('vault write auth/jwt/role/x role_type=jwt user_claim=u bound_audiences="a, b" token_ttl=1h user_claim_json_pointer=true token_num_uses=0x10');
    expect(outcome.ok && outcome.role.boundAudiences).toEqual(['a', 'b']);
    expect(outcome.ok && outcome.role.tokenTtl).toBe(3600);
    expect(outcome.ok && outcome.role.userClaimJsonPointer).toBe(true);
    expect(outcome.ok && outcome.role.tokenNumUses).toBe(16);
  });
});

describe('field conversions (parseutil, mapstructure, time.ParseDuration)', () => {
  it('parses durations like Go', () => {
    expect(goParseDuration('2m30s')).toEqual({ ok: true, seconds: 150 });
    expect(goParseDuration('1.5h')).toEqual({ ok: true, seconds: 5400 });
    expect(goParseDuration('1.5')).toEqual({ ok: false, error: 'time: missing unit in duration "1.5"' });
    expect(goParseDuration('5x')).toEqual({ ok: false, error: 'time: unknown unit "x" in duration "5x"' });
    expect(convertField('signed-duration', { kind: 'string', value: '1d' })).toEqual({ ok: true, value: 86400 });
    expect(convertField('signed-duration', { kind: 'number', text: '-100' })).toEqual({ ok: true, value: -100 });
  });
  it('parses ints with base prefixes (strconv.ParseInt base 0)', () => {
    expect(goParseIntBase0('0x1')).toBe(1);
    expect(goParseIntBase0('010')).toBe(8);
    expect(goParseIntBase0('08')).toBeNull();
    expect(goParseIntBase0('-5')).toBe(-5);
    expect(goParseIntBase0('1_0')).toBeNull();
  });
  it('splits and trims comma string slices', () => {
    expect(convertField('comma-string-slice', { kind: 'string', value: ' a ,b' })).toEqual({ ok: true, value: ['a', 'b'] });
    expect(convertField('comma-string-slice', { kind: 'string', value: '' })).toEqual({ ok: true, value: [] });
  });
});
