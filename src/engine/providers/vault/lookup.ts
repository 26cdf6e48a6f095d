/**
 * Claim lookup as claims.go getClaim does it: a literal top-level key unless the name starts with
 * `/`, in which case it is an RFC 6901 pointer (mitchellh/pointerstructure). There is no dot
 * notation. A miss, a pointer error and JSON null all read as "missing". A float64 result becomes
 * `json.Number(strconv.Itoa(int(v)))`; numbers inside lists and objects stay float64.
 */
import { goParseIntBase0, type Flavour } from './fields';
import { goIntText } from './numbers';
import { fromTokenJson, type GoValue } from './value';

export interface Lookup {
  /** Undefined when Vault sees nil (absent, null, or a pointer that does not resolve). */
  value: GoValue | undefined;
  via: 'key' | 'pointer';
  /** Why a pointer did not resolve (Vault only logs this). */
  pointerError?: string;
  /** Set when a float64 was turned into integer text, e.g. 7.9 → "7". */
  convertedFrom?: number;
}

/** pointerstructure.Parse: split on `/`, then `~1` → `/` and `~0` → `~` in each part. */
export function pointerParts(pointer: string): string[] {
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function pointerGet(claims: Record<string, unknown>, pointer: string): { value: unknown } | { error: string } {
  let current: unknown = claims;
  for (const [index, part] of pointerParts(pointer).entries()) {
    if (Array.isArray(current)) {
      // The index goes through mapstructure's weak int decoding: "" is 0, "0x1" is 1.
      const position = goParseIntBase0(part === '' ? '0' : part);
      if (position === null) return { error: `at part ${index}: cannot parse ${JSON.stringify(part)} as an index` };
      if (position < 0 || position >= current.length) return { error: `at part ${index}: index ${position} is out of range (length = ${current.length})` };
      current = current[position];
    } else if (typeof current === 'object' && current !== null) {
      if (!Object.prototype.hasOwnProperty.call(current, part)) return { error: `at part ${index}: couldn't find key ${JSON.stringify(part)}` };
      current = (current as Record<string, unknown>)[part];
    } else {
      return { error: `at part ${index}: cannot descend into a ${current === null ? 'null' : typeof current}` };
    }
  }
  return { value: current };
}

export function getClaim(claims: Record<string, unknown>, name: string, flavour: Flavour = 'vault'): Lookup {
  let raw: unknown;
  let via: Lookup['via'] = 'key';
  let pointerError: string | undefined;
  if (!name.startsWith('/')) {
    raw = Object.prototype.hasOwnProperty.call(claims, name) ? claims[name] : undefined;
  } else {
    via = 'pointer';
    const found = pointerGet(claims, name);
    if ('error' in found) pointerError = found.error;
    else raw = found.value;
  }
  if (raw === undefined || raw === null) return { value: undefined, via, pointerError };
  if (typeof raw === 'number') return { value: { kind: 'number', text: goIntText(raw) }, via, convertedFrom: raw };
  // OpenBao's getClaim turns a string `aud` into a one-element list (openbao claims.go).
  if (flavour === 'openbao' && name === 'aud' && typeof raw === 'string') return { value: { kind: 'list', items: [{ kind: 'string', value: raw }] }, via };
  return { value: fromTokenJson(raw), via };
}

/** `allClaims[user_claim]` without pointer handling or number conversion (createIdentity). */
export function getLiteral(claims: Record<string, unknown>, name: string): GoValue | undefined {
  if (!Object.prototype.hasOwnProperty.call(claims, name)) return undefined;
  const raw = claims[name];
  return raw === null || raw === undefined ? undefined : fromTokenJson(raw);
}
