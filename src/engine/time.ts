/** Evaluation instants and the human wording of token times. */

export function parseInstant(text: string): number | null {
  const trimmed = text.trim();
  if (/^-?\d+(\.\d+)?$/.test(trimmed)) return Math.floor(Number(trimmed));
  // ISO 8601 only: Date.parse also accepts loose formats we do not want to guess at.
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(trimmed)) return null;
  const ms = Date.parse(trimmed);
  return Number.isNaN(ms) ? null : Math.floor(ms / 1000);
}

export function isoOf(seconds: number): string {
  // A run judges many tokens at a few instants (now, their iat / exp): formatting a Date is the
  // costly part of a traced AWS verdict, so recent answers are kept.
  let text = isoTexts.get(seconds);
  if (text === undefined) {
    const date = new Date(seconds * 1000);
    text = Number.isNaN(date.getTime()) ? String(seconds) : date.toISOString().replace('.000Z', 'Z');
    if (isoTexts.size >= 256) isoTexts.clear();
    isoTexts.set(seconds, text);
  }
  return text;
}

const isoTexts = new Map<number, string>();

const UNITS: Array<[number, string]> = [
  [86400, 'd'],
  [3600, 'h'],
  [60, 'min'],
  [1, 's'],
];

/** "4 min", "3 h", "2 d": one unit, rounded down, as people read expiry notes. */
export function humanDuration(seconds: number): string {
  const abs = Math.abs(seconds);
  for (const [size, unit] of UNITS) if (abs >= size) return `${Math.floor(abs / size)} ${unit}`;
  return '0 s';
}

export type TimeClaim = 'exp' | 'nbf' | 'iat';

/** "expires in 4 min", "expired 3 h ago", "issued 2 min ago", "valid from in 5 s". */
export function relativeTime(claim: TimeClaim, value: number, at: number): string {
  const delta = value - at;
  const span = humanDuration(delta);
  switch (claim) {
    case 'exp':
      return delta > 0 ? `expires in ${span}` : delta === 0 ? 'expires now' : `expired ${span} ago`;
    case 'nbf':
      return delta > 0 ? `not valid until ${span} from now` : `valid since ${span} ago`;
    case 'iat':
      return delta > 0 ? `issued ${span} in the future` : `issued ${span} ago`;
  }
}

export interface TokenTimeStatus {
  live: boolean;
  notes: Array<{ claim: TimeClaim; value: unknown; iso: string | null; relative: string | null }>;
}

export function tokenTimeStatus(claims: Record<string, unknown>, at: number): TokenTimeStatus {
  const notes: TokenTimeStatus['notes'] = [];
  for (const claim of ['iat', 'nbf', 'exp'] as const) {
    if (!(claim in claims)) continue;
    const value = claims[claim];
    if (typeof value === 'number' && Number.isFinite(value)) {
      notes.push({ claim, value, iso: isoOf(value), relative: relativeTime(claim, value, at) });
    } else {
      notes.push({ claim, value, iso: null, relative: null });
    }
  }
  const exp = claims.exp;
  const nbf = claims.nbf;
  const live = typeof exp === 'number' && exp > at && !(typeof nbf === 'number' && nbf > at);
  return { live, notes };
}
