/**
 * IAM condition operators: how one policy value compares with one context value.
 * Source: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 */
import { compareExact, compileWildcard } from '../../match';

export type OperatorFamily = 'string' | 'numeric' | 'date' | 'bool' | 'binary' | 'ip' | 'arn' | 'null';

export interface BaseOperator {
  name: string;
  family: OperatorFamily;
  /** Negated operators: the values are NOR-ed, and a missing key makes them true. */
  negated: boolean;
}

const BASE_OPERATORS: BaseOperator[] = [
  ...['StringEquals', 'StringEqualsIgnoreCase', 'StringLike'].map((name) => ({ name, family: 'string' as const, negated: false })),
  ...['StringNotEquals', 'StringNotEqualsIgnoreCase', 'StringNotLike'].map((name) => ({ name, family: 'string' as const, negated: true })),
  ...['NumericEquals', 'NumericLessThan', 'NumericLessThanEquals', 'NumericGreaterThan', 'NumericGreaterThanEquals'].map((name) => ({
    name,
    family: 'numeric' as const,
    negated: false,
  })),
  { name: 'NumericNotEquals', family: 'numeric', negated: true },
  ...['DateEquals', 'DateLessThan', 'DateLessThanEquals', 'DateGreaterThan', 'DateGreaterThanEquals'].map((name) => ({
    name,
    family: 'date' as const,
    negated: false,
  })),
  { name: 'DateNotEquals', family: 'date', negated: true },
  { name: 'Bool', family: 'bool', negated: false },
  { name: 'BinaryEquals', family: 'binary', negated: false },
  { name: 'IpAddress', family: 'ip', negated: false },
  { name: 'NotIpAddress', family: 'ip', negated: true },
  { name: 'ArnEquals', family: 'arn', negated: false },
  { name: 'ArnLike', family: 'arn', negated: false },
  { name: 'ArnNotEquals', family: 'arn', negated: true },
  { name: 'ArnNotLike', family: 'arn', negated: true },
  { name: 'Null', family: 'null', negated: false },
];

const BY_NAME = new Map(BASE_OPERATORS.map((op) => [op.name, op]));

export type SetQualifier = 'ForAllValues' | 'ForAnyValue';

export interface ConditionOperator {
  /** As written, e.g. `ForAnyValue:StringLikeIfExists`. */
  text: string;
  base: BaseOperator;
  qualifier: SetQualifier | null;
  ifExists: boolean;
}

export type OperatorParse = { ok: true; operator: ConditionOperator } | { ok: false; reason: 'unknown' | 'null-if-exists' };

export function parseOperator(text: string): OperatorParse {
  let rest = text;
  let qualifier: SetQualifier | null = null;
  for (const candidate of ['ForAllValues:', 'ForAnyValue:'] as const) {
    if (rest.startsWith(candidate)) {
      qualifier = candidate.slice(0, -1) as SetQualifier;
      rest = rest.slice(candidate.length);
    }
  }
  let ifExists = false;
  if (rest.endsWith('IfExists')) {
    ifExists = true;
    rest = rest.slice(0, -'IfExists'.length);
  }
  const base = BY_NAME.get(rest);
  if (!base) return { ok: false, reason: 'unknown' };
  if (base.name === 'Null' && ifExists) return { ok: false, reason: 'null-if-exists' };
  return { ok: true, operator: { text, base, qualifier, ifExists } };
}

export interface ValueComparison {
  matched: boolean;
  /** Character index in the context value where an exact or wildcard match gave up. */
  divergedAt?: number;
  /** The policy value could not be read for this operator (e.g. not a date). */
  invalid?: string;
}

/** Private-use characters standing for the literal `*` and `?` produced by `${*}` and `${?}`. */
export const LITERAL_STAR = '\uE000';
export const LITERAL_QUESTION = '\uE001';

function withLiteralMarkers(text: string): string {
  return text.replaceAll('*', LITERAL_STAR).replaceAll('?', LITERAL_QUESTION);
}

/**
 * IAM `*`/`?` matching. `*` crosses `/` and `:` (ARN example on the operators page); `?` is exactly
 * one character. A pattern holding literal markers matches them against the text's real `*`/`?`.
 */
export function likeMatch(pattern: string, text: string, ignoreCase = false, explain = true): ValueComparison {
  const hasMarkers = pattern.includes(LITERAL_STAR) || pattern.includes(LITERAL_QUESTION);
  const subject = hasMarkers ? withLiteralMarkers(text) : text;
  if (globMatches(pattern, subject, ignoreCase)) return { matched: true };
  if (!explain) return { matched: false };
  return { matched: false, divergedAt: divergenceOf(pattern, subject, ignoreCase) };
}

/**
 * Where a non-matching text diverges from an IAM pattern, with the meaning of match/'s
 * `divergedAt`: the index at which every pattern position died, or the text length when the text
 * ended too early. Only explanations ask for it.
 */
export function divergenceOf(pattern: string, text: string, ignoreCase = false): number | undefined {
  return compileWildcard(pattern, { flavour: 'iam', ignoreCase }).divergence(text);
}

/**
 * Yes/no IAM glob match, the hot path of every evaluation: match/'s compiled segment search.
 * Ignoring case lower-cases both whole strings first (action names are ASCII).
 */
export function globMatches(pattern: string, text: string, ignoreCase = false): boolean {
  const p = ignoreCase ? pattern.toLowerCase() : pattern;
  const t = ignoreCase ? text.toLowerCase() : text;
  if (!p.includes('*') && !p.includes('?')) return p === t;
  return compileWildcard(p, IAM).test(t);
}

const IAM = { flavour: 'iam' } as const;

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Standard base-64 (RFC 4648 §4, padded) to bytes; null when the text is not base-64. */
export function decodeBase64(text: string): Uint8Array | null {
  if (!BASE64.test(text)) return null;
  const binary = atob(text);
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

function sameBytes(left: Uint8Array, right: Uint8Array): boolean {
  return left.length === right.length && left.every((byte, index) => byte === right[index]);
}

/** Exact comparison; literal markers (from `${*}`) are the characters they stand for. */
export function exactMatch(expected: string, actual: string, ignoreCase = false): ValueComparison {
  const plain = expected.replaceAll(LITERAL_STAR, '*').replaceAll(LITERAL_QUESTION, '?');
  if (!ignoreCase && plain === actual) return { matched: true };
  const outcome = compareExact(plain, actual, ignoreCase);
  return outcome.matched ? { matched: true } : { matched: false, divergedAt: outcome.divergedAt };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** "W3C implementations of the ISO 8601 date formats" or epoch seconds; milliseconds since epoch. */
export function parseDate(text: string): number | null {
  const trimmed = text.trim();
  if (/^-?\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  if (!ISO_DATE.test(trimmed)) return null;
  // A date or time without a zone is read as UTC, as AWS does for aws:CurrentTime values.
  const zoned = /T\d{2}:\d{2}/.test(trimmed) && !/(Z|[+-]\d{2}:?\d{2})$/.test(trimmed) ? `${trimmed}Z` : trimmed;
  const ms = Date.parse(zoned);
  return Number.isNaN(ms) ? null : ms;
}

export function parseNumber(text: string): number | null {
  const trimmed = text.trim();
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(trimmed)) return null;
  return Number(trimmed);
}

function ordered(name: string, policy: number, actual: number): boolean {
  if (name.endsWith('LessThanEquals')) return actual <= policy;
  if (name.endsWith('LessThan')) return actual < policy;
  if (name.endsWith('GreaterThanEquals')) return actual >= policy;
  if (name.endsWith('GreaterThan')) return actual > policy;
  return actual === policy;
}

/** IPv4 or IPv6 address to bytes; null when it is neither. */
export function ipBytes(text: string): number[] | null {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(text)) {
    const parts = text.split('.').map(Number);
    return parts.every((part) => part <= 255) ? parts : null;
  }
  if (!text.includes(':')) return null;
  let head = text;
  let tailV4: number[] = [];
  const lastColon = text.lastIndexOf(':');
  if (text.slice(lastColon + 1).includes('.')) {
    const v4 = ipBytes(text.slice(lastColon + 1));
    if (!v4) return null;
    tailV4 = v4;
    head = text.slice(0, lastColon + 1) + '0:0';
  }
  const halves = head.split('::');
  if (halves.length > 2) return null;
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const left = groups(halves[0]);
  const right = halves.length === 2 ? groups(halves[1]) : [];
  const missing = 8 - left.length - right.length;
  if (halves.length === 1 ? left.length !== 8 : missing < 1) return null;
  const all = [...left, ...Array(halves.length === 2 ? missing : 0).fill('0'), ...right];
  const bytes: number[] = [];
  for (const group of all) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return null;
    const value = parseInt(group, 16);
    bytes.push(value >> 8, value & 255);
  }
  if (tailV4.length) bytes.splice(12, 4, ...tailV4);
  return bytes;
}

/** Whether an address lies in a CIDR block; an address without a prefix is a /32 (or /128). */
export function inCidr(cidr: string, address: string): boolean | null {
  const [network, prefixText, ...extra] = cidr.trim().split('/');
  if (extra.length > 0) return null;
  const networkBytes = ipBytes(network);
  const addressBytes = ipBytes(address.trim());
  if (!networkBytes) return null;
  const bits = prefixText === undefined ? networkBytes.length * 8 : Number(prefixText);
  if (!Number.isInteger(bits) || bits < 0 || bits > networkBytes.length * 8 || (prefixText !== undefined && !/^\d+$/.test(prefixText))) return null;
  if (!addressBytes || addressBytes.length !== networkBytes.length) return false;
  for (let bit = 0; bit < bits; bit++) {
    const mask = 128 >> bit % 8;
    if ((networkBytes[bit >> 3] & mask) !== (addressBytes[bit >> 3] & mask)) return false;
  }
  return true;
}

/** "Each of the six colon-delimited components of the ARN is checked separately". */
export function arnMatch(pattern: string, arn: string, explain = true): ValueComparison {
  const split = (text: string) => {
    const parts = text.split(':');
    return parts.length <= 6 ? parts : [...parts.slice(0, 5), parts.slice(5).join(':')];
  };
  const patternParts = split(pattern);
  const arnParts = split(arn);
  if (patternParts.length !== 6 || arnParts.length !== 6) {
    // Not an ARN on one side: fall back to comparing the whole text.
    return likeMatch(pattern, arn, false, explain);
  }
  let offset = 0;
  for (let index = 0; index < 6; index++) {
    const part = likeMatch(patternParts[index], arnParts[index], false, explain);
    if (!part.matched) return { matched: false, divergedAt: offset + (part.divergedAt ?? 0) };
    offset += [...arnParts[index]].length + 1;
  }
  return { matched: true };
}

/**
 * The positive test of a base operator on one policy value and one context value. For negated
 * operators this is the test being negated: `StringNotEquals` compares as `StringEquals`.
 */
export function compareValue(base: BaseOperator, policyValue: string, actual: string, explain = false): ValueComparison {
  const name = base.name;
  switch (base.family) {
    case 'string': {
      if (name.endsWith('Like')) return likeMatch(policyValue, actual, false, explain);
      return exactMatch(policyValue, actual, name.endsWith('IgnoreCase'));
    }
    case 'numeric': {
      const policy = parseNumber(policyValue);
      if (policy === null) return { matched: false, invalid: `${JSON.stringify(policyValue)} is not a number` };
      const value = parseNumber(actual);
      if (value === null) return { matched: false };
      return { matched: ordered(name.replace('Not', ''), policy, value) };
    }
    case 'date': {
      const policy = parseDate(policyValue);
      if (policy === null) return { matched: false, invalid: `${JSON.stringify(policyValue)} is not an ISO 8601 date or epoch seconds` };
      const value = parseDate(actual);
      if (value === null) return { matched: false };
      return { matched: ordered(name.replace('Not', ''), policy, value) };
    }
    case 'bool': {
      const policy = policyValue.toLowerCase();
      if (policy !== 'true' && policy !== 'false') return { matched: false, invalid: `${JSON.stringify(policyValue)} is not true or false` };
      return { matched: actual.toLowerCase() === policy };
    }
    case 'binary': {
      // The policy holds the base-64 representation of the bytes; a web identity context value is
      // text, whose bytes are its UTF-8 encoding.
      const policyBytes = decodeBase64(policyValue);
      if (policyBytes === null) return { matched: false, invalid: `${JSON.stringify(policyValue)} is not base-64` };
      return { matched: sameBytes(policyBytes, new TextEncoder().encode(actual)) };
    }
    case 'ip': {
      const inside = inCidr(policyValue, actual);
      if (inside === null) return { matched: false, invalid: `${JSON.stringify(policyValue)} is not an IP address or CIDR block` };
      return { matched: inside };
    }
    case 'arn':
      return arnMatch(policyValue, actual, explain);
    case 'null':
      return { matched: false };
  }
}
