/**
 * The token as the engine sees it: a decoded compact JWS, or a crafted claims object evaluated as
 * an unsigned token. Decoding goes through jose; the per-segment diagnosis below only runs once
 * jose has refused the input, to say precisely which part is broken.
 */
import { base64url, decodeJwt, decodeProtectedHeader } from 'jose';
import { parseJsonDocument, type LocatedError } from './json';

export type Claims = Record<string, unknown>;

export interface Token {
  kind: 'jws' | 'claims';
  header: Record<string, unknown> | null;
  claims: Claims;
  /** The normalised compact JWS (whitespace and `Bearer ` removed), for signature checks. */
  compact: string | null;
  /** Non-fatal notes about the input: `alg: none`, a stripped `Bearer ` prefix, … */
  warnings: string[];
}

export type TokenOutcome = { ok: true; token: Token } | { ok: false; error: LocatedError };

const SEGMENT_NAMES = ['header', 'payload', 'signature'] as const;

export function normaliseCompact(input: string): { compact: string; strippedBearer: boolean } {
  let text = input.trim();
  let strippedBearer = false;
  const bearer = /^bearer\s+/i.exec(text);
  if (bearer) {
    text = text.slice(bearer[0].length);
    strippedBearer = true;
  }
  // Tokens copied out of terminals or logs often wrap; JWS compact form never contains whitespace.
  text = text.replace(/\s+/g, '');
  // Quoted copies from JSON output.
  if (text.length >= 2 && (text.startsWith('"') && text.endsWith('"'))) text = text.slice(1, -1);
  return { compact: text, strippedBearer };
}

function locatedAtStart(message: string): LocatedError {
  return { message, source: { line: 1, column: 1, endLine: 1, endColumn: 2 } };
}

function decodeSegmentJson(segment: string, name: string): { value?: unknown; error?: string } {
  let bytes: Uint8Array;
  try {
    bytes = base64url.decode(segment);
  } catch {
    return { error: `the ${name} segment is not valid base64url` };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { error: `the ${name} segment does not decode to UTF-8 text` };
  }
  try {
    return { value: JSON.parse(text) };
  } catch {
    return { error: `the ${name} segment is not JSON (decoded text starts with ${JSON.stringify(text.slice(0, 24))})` };
  }
}

export function decodeToken(input: string): TokenOutcome {
  const { compact, strippedBearer } = normaliseCompact(input);
  if (compact === '') return { ok: false, error: locatedAtStart('No token: paste a compact JWS (three dot-separated segments).') };
  const segments = compact.split('.');
  if (segments.length === 5) {
    return {
      ok: false,
      error: locatedAtStart(
        'This is an encrypted token (JWE, 5 segments): its claims cannot be read without the recipient\'s private key. CI systems issue signed tokens (JWS, 3 segments).',
      ),
    };
  }
  if (segments.length !== 3) {
    return {
      ok: false,
      error: locatedAtStart(
        `A compact JWS has 3 dot-separated segments (header.payload.signature); this input has ${segments.length}.`,
      ),
    };
  }
  let header: Record<string, unknown>;
  let claims: Claims;
  try {
    header = decodeProtectedHeader(compact) as Record<string, unknown>;
    claims = decodeJwt(compact) as Claims;
  } catch (cause) {
    for (const [index, name] of SEGMENT_NAMES.slice(0, 2).entries()) {
      const decoded = decodeSegmentJson(segments[index], name);
      if (decoded.error) return { ok: false, error: locatedAtStart(`Malformed token: ${decoded.error}.`) };
      if (typeof decoded.value !== 'object' || decoded.value === null || Array.isArray(decoded.value)) {
        return { ok: false, error: locatedAtStart(`Malformed token: the ${name} segment is JSON but not an object.`) };
      }
    }
    const reason = cause instanceof Error ? cause.message : String(cause);
    return { ok: false, error: locatedAtStart(`Malformed token: ${reason}.`) };
  }
  if (segments[2] !== '') {
    try {
      base64url.decode(segments[2]);
    } catch {
      return { ok: false, error: locatedAtStart('Malformed token: the signature segment is not valid base64url.') };
    }
  }
  const warnings: string[] = [];
  if (strippedBearer) warnings.push('A leading "Bearer " was removed.');
  if (typeof header.alg === 'string' && header.alg.toLowerCase() === 'none') {
    warnings.push('The header says "alg": "none": this token is unsigned, and no cloud accepts it.');
  }
  if (segments[2] === '') warnings.push('The signature segment is empty: the token is unsigned (decoded, not verified).');
  return { ok: true, token: { kind: 'jws', header, claims, compact, warnings } };
}

/** Crafted claims: a JSON object, evaluated as an unsigned token. */
export function parseClaims(text: string): TokenOutcome {
  const parsed = parseJsonDocument(text, 'Claims');
  if (!parsed.ok) return parsed;
  const value = parsed.doc.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {
      ok: false,
      error: { message: 'Claims must be a JSON object, e.g. {"iss": "https://gitlab.com", "sub": "…"}.', source: parsed.doc.lines.range(0, Math.max(1, text.length)) },
    };
  }
  return { ok: true, token: claimsToken(value as Claims) };
}

export function claimsToken(claims: Claims): Token {
  return { kind: 'claims', header: null, claims, compact: null, warnings: [] };
}

/** Token input as a person pastes it: a JWS, or a JSON object of claims. */
export function readTokenInput(text: string): TokenOutcome {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) return parseClaims(text);
  return decodeToken(text);
}
