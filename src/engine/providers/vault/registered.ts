/**
 * cap decodes the registered claims by marshalling all claims (keys sorted) and unmarshalling into
 * go-jose's `jwt.Claims` with encoding/json (cap jwt.go L212–219). That means:
 * - keys match struct fields case-insensitively (`ISS` feeds the issuer), later keys win;
 * - `aud` must be a string or a list of strings, else go-jose's Audience error (decode stops);
 * - `exp`/`nbf`/`iat` must be numbers (null = absent), else go-jose's NumericDate error (decode stops);
 * - a non-string `iss`/`sub`/`jti` is an encoding/json type error, reported only if nothing stops the decode.
 */
import { compareGoStrings } from './value';

export const ERR_UNMARSHAL_AUDIENCE = 'go-jose/go-jose/jwt: expected string or array value to unmarshal to Audience';
export const ERR_UNMARSHAL_NUMERIC_DATE = 'go-jose/go-jose/jwt: expected number value to unmarshal NumericDate';

export interface RegisteredClaims {
  iss: string;
  sub: string;
  jti: string;
  aud: string[];
  /** NumericDate as int64 seconds (truncated); null when absent or null. */
  exp: number | null;
  nbf: number | null;
  iat: number | null;
  /** Keys that reached a field only through case-insensitive matching, e.g. `ISS`. */
  foldedKeys: string[];
}

export type RegisteredOutcome = { ok: true; claims: RegisteredClaims } | { ok: false; error: string; key: string };

const FIELDS = ['iss', 'sub', 'aud', 'exp', 'nbf', 'iat', 'jti'] as const;
type Field = (typeof FIELDS)[number];

/** encoding/json's case folding for field names: ASCII case plus the Kelvin sign and long s. */
function fold(name: string): string {
  // toLowerCase already maps the Kelvin sign to k; the long s is lower case and stays.
  const lower = name.toLowerCase();
  return lower.includes('\u017f') ? lower.replace(/\u017f/g, 's') : lower;
}

function fieldFor(key: string): Field | null {
  // Every field name has three characters, and lower-casing never shortens a string: longer keys
  // cannot fold onto one, and a shorter key only grows by a combining mark no field name has.
  if (key.length !== 3) return null;
  if ((FIELDS as readonly string[]).includes(key)) return key as Field;
  const folded = fold(key);
  return (FIELDS as readonly string[]).includes(folded) ? (folded as Field) : null;
}

function jsonKind(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'object';
  if (typeof value === 'boolean') return 'bool';
  return typeof value;
}

/** `NumericDate(f)` for a float64 f: truncation, with amd64's result outside the int64 range. */
function numericDate(value: number): number {
  if (value >= 9223372036854775807 || value < -9223372036854775808) return -9223372036854775808;
  return Math.trunc(value);
}

export function decodeRegisteredClaims(claims: Record<string, unknown>): RegisteredOutcome {
  const out: RegisteredClaims = { iss: '', sub: '', jti: '', aud: [], exp: null, nbf: null, iat: null, foldedKeys: [] };
  let savedError: { error: string; key: string } | null = null;
  // Only the keys that feed a field are decoded; their order decides which error Go reports first.
  const keys: Array<[string, Field]> = [];
  for (const key of Object.keys(claims)) {
    const field = fieldFor(key);
    if (field !== null) keys.push([key, field]);
  }
  keys.sort((a, b) => compareGoStrings(a[0], b[0]));
  for (const [key, field] of keys) {
    if (field !== key) out.foldedKeys.push(key);
    const value = claims[key];
    switch (field) {
      case 'iss':
      case 'sub':
      case 'jti':
        if (value === null) break;
        if (typeof value === 'string') out[field] = value;
        else savedError ??= { error: `json: cannot unmarshal ${jsonKind(value)} into Go struct field Claims.${field} of type string`, key };
        break;
      case 'aud':
        if (typeof value === 'string') out.aud = [value];
        else if (Array.isArray(value) && value.every((item) => typeof item === 'string')) out.aud = value as string[];
        else return { ok: false, error: ERR_UNMARSHAL_AUDIENCE, key };
        break;
      case 'exp':
      case 'nbf':
      case 'iat':
        if (value === null) {
          out[field] = null;
          break;
        }
        if (typeof value !== 'number') return { ok: false, error: ERR_UNMARSHAL_NUMERIC_DATE, key };
        out[field] = numericDate(value);
        break;
    }
  }
  if (savedError) return { ok: false, ...savedError };
  // A zero NumericDate counts as absent (cap jwt.go L235–251).
  for (const field of ['exp', 'nbf', 'iat'] as const) if (out[field] === 0) out[field] = null;
  return { ok: true, claims: out };
}
