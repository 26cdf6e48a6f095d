/**
 * The role endpoint's field schema and Vault's request-field conversions (sdk/framework
 * field_data.go getPrimitive, go-secure-stdlib parseutil, mapstructure WeakDecode). A value that does
 * not convert fails the request before the handler runs:
 * `Field validation failed: error converting input <v> for field "<f>": <err>`.
 */
import { goFormat, type GoValue } from './value';

export type FieldType =
  | 'string'
  | 'lowercase-string'
  | 'bool'
  | 'int'
  | 'duration'
  | 'signed-duration'
  | 'comma-string-slice'
  | 'map'
  | 'kv-pairs';

export type Flavour = 'vault' | 'openbao';

/** path_role.go pathRole Fields + tokenutil.TokenFields (both flavours). */
const COMMON_FIELDS: Record<string, FieldType> = {
  name: 'lowercase-string',
  role_type: 'string',
  policies: 'comma-string-slice',
  num_uses: 'int',
  ttl: 'duration',
  max_ttl: 'duration',
  period: 'duration',
  bound_cidrs: 'comma-string-slice',
  expiration_leeway: 'signed-duration',
  not_before_leeway: 'signed-duration',
  clock_skew_leeway: 'signed-duration',
  bound_subject: 'string',
  bound_audiences: 'comma-string-slice',
  bound_claims_type: 'string',
  bound_claims: 'map',
  claim_mappings: 'kv-pairs',
  user_claim: 'string',
  user_claim_json_pointer: 'bool',
  groups_claim: 'string',
  oidc_scopes: 'comma-string-slice',
  allowed_redirect_uris: 'comma-string-slice',
  verbose_oidc_logging: 'bool',
  max_age: 'duration',
  token_bound_cidrs: 'comma-string-slice',
  token_explicit_max_ttl: 'duration',
  token_max_ttl: 'duration',
  token_no_default_policy: 'bool',
  token_period: 'duration',
  token_policies: 'comma-string-slice',
  token_type: 'string',
  token_ttl: 'duration',
  token_num_uses: 'int',
};

/** Vault only: newer plugin versions (path_role.go at the cited commit). */
const VAULT_FIELDS: Record<string, FieldType> = {};

/** OpenBao only: internal/builtin/credential/jwt/path_role.go. */
const OPENBAO_FIELDS: Record<string, FieldType> = {
  oauth2_metadata: 'comma-string-slice',
  callback_mode: 'string',
  poll_interval: 'int',
  token_policies_template_claims: 'bool',
};

export function roleFields(flavour: Flavour): Record<string, FieldType> {
  return { ...COMMON_FIELDS, ...(flavour === 'openbao' ? OPENBAO_FIELDS : VAULT_FIELDS) };
}

/** Config fields the evaluator reads (path_config.go); others are accepted and ignored. */
export const CONFIG_FIELDS: Record<string, FieldType> = {
  oidc_discovery_url: 'string',
  oidc_discovery_ca_pem: 'string',
  oidc_client_id: 'string',
  oidc_client_secret: 'string',
  oidc_response_mode: 'string',
  oidc_response_types: 'comma-string-slice',
  jwks_url: 'string',
  jwks_ca_pem: 'string',
  jwks_pairs: 'comma-string-slice',
  jwt_validation_pubkeys: 'comma-string-slice',
  jwt_supported_algs: 'comma-string-slice',
  bound_issuer: 'string',
  default_role: 'lowercase-string',
  provider_config: 'map',
  namespace_in_state: 'bool',
};

export type Converted =
  | { ok: true; value: string }
  | { ok: true; value: boolean }
  | { ok: true; value: number }
  | { ok: true; value: string[] }
  | { ok: true; value: Array<[string, string]> }
  | { ok: true; value: GoValue }
  | { ok: false; error: string };

export function fieldValidationMessage(field: string, raw: GoValue, error: string): string {
  return `Field validation failed: error converting input ${goFormat(raw)} for field "${field}": ${error}`;
}

/** mapstructure's weak conversion to string. */
export function weakString(raw: GoValue, name = ''): { ok: true; value: string } | { ok: false; error: string } {
  switch (raw.kind) {
    case 'string':
      return { ok: true, value: raw.value };
    case 'number':
      return { ok: true, value: raw.text };
    case 'bool':
      return { ok: true, value: raw.value ? '1' : '0' };
    case 'nil':
      return { ok: true, value: '' };
    case 'float':
      return { ok: true, value: goFormat(raw) };
    case 'list':
      return { ok: false, error: `'${name}' expected type 'string', got unconvertible type '[]interface {}', value: '${goFormat(raw)}'` };
    case 'map':
      return { ok: false, error: `'${name}' expected type 'string', got unconvertible type 'map[string]interface {}', value: '${goFormat(raw)}'` };
  }
}

const TRUE_WORDS = ['1', 't', 'T', 'TRUE', 'true', 'True'];
const FALSE_WORDS = ['0', 'f', 'F', 'FALSE', 'false', 'False'];

function weakBool(raw: GoValue): Converted {
  switch (raw.kind) {
    case 'bool':
      return { ok: true, value: raw.value };
    case 'nil':
      return { ok: true, value: false };
    case 'string':
    case 'number': {
      const text = raw.kind === 'string' ? raw.value : raw.text;
      if (text === '') return { ok: true, value: false };
      if (TRUE_WORDS.includes(text)) return { ok: true, value: true };
      if (FALSE_WORDS.includes(text)) return { ok: true, value: false };
      return { ok: false, error: `cannot parse '' as bool: strconv.ParseBool: parsing ${JSON.stringify(text)}: invalid syntax` };
    }
    default:
      return { ok: false, error: `'' expected type 'bool', got unconvertible type '${raw.kind === 'list' ? '[]interface {}' : 'map[string]interface {}'}', value: '${goFormat(raw)}'` };
  }
}

/** strconv.ParseInt(s, 0, 64): sign, 0x/0o/0b prefixes, leading-zero octal, `_` only after a prefix. */
export function goParseIntBase0(text: string): number | null {
  let s = text;
  let sign = 1;
  if (s.startsWith('+') || s.startsWith('-')) {
    if (s[0] === '-') sign = -1;
    s = s.slice(1);
  }
  if (s === '') return null;
  let base = 10;
  let underscores = false;
  if (/^0[xX]/.test(s)) {
    base = 16;
    s = s.slice(2);
    underscores = true;
  } else if (/^0[bB]/.test(s)) {
    base = 2;
    s = s.slice(2);
    underscores = true;
  } else if (/^0[oO]/.test(s)) {
    base = 8;
    s = s.slice(2);
    underscores = true;
  } else if (s.length > 1 && s[0] === '0') {
    base = 8;
    s = s.slice(1);
    underscores = true;
  }
  if (underscores) {
    if (/^_|__|_$/.test(s) && base !== 8) return null;
    s = s.replace(/_/g, '');
  }
  if (s === '') return null;
  const digits = '0123456789abcdefghijklmnopqrstuvwxyz'.slice(0, base);
  let value = 0n;
  for (const char of s.toLowerCase()) {
    const digit = digits.indexOf(char);
    if (digit < 0) return null;
    value = value * BigInt(base) + BigInt(digit);
  }
  value *= BigInt(sign);
  if (value > 9223372036854775807n || value < -9223372036854775808n) return null;
  return Number(value);
}

function weakInt(raw: GoValue): Converted {
  switch (raw.kind) {
    case 'number': {
      if (!/^-?\d+$/.test(raw.text)) {
        return { ok: false, error: `error decoding json.Number into : strconv.ParseInt: parsing ${JSON.stringify(raw.text)}: invalid syntax` };
      }
      return { ok: true, value: Number(raw.text) };
    }
    case 'string': {
      const parsed = goParseIntBase0(raw.value === '' ? '0' : raw.value);
      if (parsed === null) return { ok: false, error: `cannot parse '' as int: strconv.ParseInt: parsing ${JSON.stringify(raw.value)}: invalid syntax` };
      return { ok: true, value: parsed };
    }
    case 'bool':
      return { ok: true, value: raw.value ? 1 : 0 };
    case 'nil':
      return { ok: true, value: 0 };
    default:
      return { ok: false, error: `'' expected type 'int', got unconvertible type '${raw.kind === 'list' ? '[]interface {}' : 'map[string]interface {}'}', value: '${goFormat(raw)}'` };
  }
}

const DURATION_UNITS: Record<string, number> = {
  ns: 1e-9,
  us: 1e-6,
  'µs': 1e-6,
  'μs': 1e-6,
  ms: 1e-3,
  s: 1,
  m: 60,
  h: 3600,
};

/** Go's time.ParseDuration, in seconds (fractional), or its error text. */
export function goParseDuration(text: string): { ok: true; seconds: number } | { ok: false; error: string } {
  const quoted = JSON.stringify(text);
  let s = text;
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('+')) {
    if (s[0] === '-') sign = -1;
    s = s.slice(1);
  }
  if (s === '0') return { ok: true, seconds: 0 };
  if (s === '') return { ok: false, error: `time: invalid duration ${quoted}` };
  let total = 0;
  while (s !== '') {
    const number = /^(\d*)(?:\.(\d*))?/.exec(s)!;
    const whole = number[1];
    const fraction = number[2];
    if (whole === '' && (fraction === undefined || fraction === '')) return { ok: false, error: `time: invalid duration ${quoted}` };
    s = s.slice(number[0].length);
    const unit = /^[^\d.]*/.exec(s)![0];
    if (unit === '') return { ok: false, error: `time: missing unit in duration ${quoted}` };
    const scale = DURATION_UNITS[unit];
    if (scale === undefined) return { ok: false, error: `time: unknown unit ${JSON.stringify(unit)} in duration ${quoted}` };
    s = s.slice(unit.length);
    total += Number(`${whole || '0'}.${fraction || '0'}`) * scale;
  }
  return { ok: true, seconds: sign * total };
}

/** parseutil.ParseDurationSecond, then `int(dur.Seconds())`. */
function durationSeconds(raw: GoValue, signed: boolean): Converted {
  let seconds: number;
  if (raw.kind === 'string' || raw.kind === 'number') {
    const text = raw.kind === 'string' ? raw.value : raw.text;
    if (text === '') {
      seconds = 0;
    } else if (/^[+-]?\d+$/.test(text)) {
      seconds = Number(text);
    } else if (text.endsWith('d')) {
      const days = text.slice(0, -1);
      if (!/^[+-]?\d+$/.test(days)) return { ok: false, error: `strconv.ParseInt: parsing ${JSON.stringify(days)}: invalid syntax` };
      seconds = Number(days) * 86400;
    } else {
      const parsed = goParseDuration(text);
      if (!parsed.ok) return parsed;
      seconds = Math.trunc(parsed.seconds);
    }
  } else if (raw.kind === 'float') {
    seconds = Math.trunc(raw.value);
  } else if (raw.kind === 'nil') {
    return { ok: true, value: 0 };
  } else {
    return { ok: false, error: 'could not parse duration from input' };
  }
  seconds = Math.trunc(seconds) || 0;
  if (!signed && seconds < 0) return { ok: false, error: `cannot provide negative value '${seconds}'` };
  return { ok: true, value: seconds };
}

/** parseutil.ParseCommaStringSlice: a string is split on commas, a list is converted item by item; then trimmed. */
function commaStringSlice(raw: GoValue): Converted {
  let items: string[];
  switch (raw.kind) {
    case 'nil':
      return { ok: true, value: [] };
    case 'string':
    case 'number': {
      const text = raw.kind === 'string' ? raw.value : raw.text;
      items = text === '' ? [] : text.split(',');
      break;
    }
    case 'bool':
      items = [raw.value ? '1' : '0'];
      break;
    case 'list': {
      items = [];
      for (const [index, item] of raw.items.entries()) {
        const converted = weakString(item, `[${index}]`);
        if (!converted.ok) return { ok: false, error: `1 error(s) decoding:\n\n* ${converted.error}` };
        items.push(converted.value);
      }
      break;
    }
    case 'map':
      if (raw.entries.length === 0) return { ok: true, value: [] };
      return { ok: false, error: `1 error(s) decoding:\n\n* '[0]' expected type 'string', got unconvertible type 'map[string]interface {}', value: '${goFormat(raw)}'` };
    default:
      items = [goFormat(raw)];
  }
  return { ok: true, value: items.map((item) => item.trim()) };
}

function map(raw: GoValue): Converted {
  switch (raw.kind) {
    case 'map':
    case 'nil':
      return { ok: true, value: raw };
    case 'list': {
      // WeakDecode merges a list of maps into one map.
      const entries: Array<[string, GoValue]> = [];
      for (const [index, item] of raw.items.entries()) {
        if (item.kind !== 'map') return { ok: false, error: `'[${index}]' expected a map, got '${goKindName(item)}'` };
        entries.push(...item.entries);
      }
      return { ok: true, value: { kind: 'map', entries } };
    }
    default:
      return { ok: false, error: `'' expected a map, got '${goKindName(raw)}'` };
  }
}

function goKindName(value: GoValue): string {
  switch (value.kind) {
    case 'string':
    case 'number':
      return 'string';
    case 'bool':
      return 'bool';
    case 'float':
      return 'float64';
    case 'list':
      return 'slice';
    case 'map':
      return 'map';
    case 'nil':
      return 'invalid';
  }
}

/** TypeKVPairs: an object with values weakly converted to strings, or a list of `key=value`. */
function kvPairs(raw: GoValue): Converted {
  if (raw.kind === 'map') {
    const pairs: Array<[string, string]> = [];
    let failed = false;
    for (const [key, value] of raw.entries) {
      const converted = weakString(value, key);
      if (!converted.ok) {
        failed = true;
        break;
      }
      pairs.push([key, converted.value]);
    }
    if (!failed) return { ok: true, value: pairs };
  }
  if (raw.kind === 'nil') return { ok: true, value: [] };
  const list = commaListForPairs(raw);
  if (!list.ok) return list;
  const pairs: Array<[string, string]> = [];
  for (const item of list.value) {
    const eq = item.indexOf('=');
    if (eq <= 0) return { ok: false, error: `invalid key pair ${JSON.stringify(item)}` };
    pairs.push([item.slice(0, eq), item.slice(eq + 1)]);
  }
  return { ok: true, value: pairs };
}

function commaListForPairs(raw: GoValue): { ok: true; value: string[] } | { ok: false; error: string } {
  if (raw.kind === 'list') {
    const out: string[] = [];
    for (const [index, item] of raw.items.entries()) {
      const converted = weakString(item, `[${index}]`);
      if (!converted.ok) return { ok: false, error: `1 error(s) decoding:\n\n* ${converted.error}` };
      out.push(converted.value);
    }
    return { ok: true, value: out };
  }
  if (raw.kind === 'map') {
    return { ok: false, error: `1 error(s) decoding:\n\n* '[0]' expected type 'string', got unconvertible type 'map[string]interface {}', value: '${goFormat(raw)}'` };
  }
  const single = weakString(raw);
  return single.ok ? { ok: true, value: [single.value] } : single;
}

export function convertField(type: FieldType, raw: GoValue): Converted {
  switch (type) {
    case 'string':
      return weakString(raw);
    case 'lowercase-string': {
      const converted = weakString(raw);
      return converted.ok ? { ok: true, value: converted.value.toLowerCase() } : converted;
    }
    case 'bool':
      return weakBool(raw);
    case 'int':
      return weakInt(raw);
    case 'duration':
      return durationSeconds(raw, false);
    case 'signed-duration':
      return durationSeconds(raw, true);
    case 'comma-string-slice':
      return commaStringSlice(raw);
    case 'map':
      return map(raw);
    case 'kv-pairs':
      return kvPairs(raw);
  }
}
