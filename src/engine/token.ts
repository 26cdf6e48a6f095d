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

/**
 * What people paste in front of a token: an HTTP header line (`Authorization: Bearer eyJ…`), the
 * `Bearer ` scheme alone, or a shell or CI variable assignment (`CI_JOB_JWT_V2=eyJ…`,
 * `export ID_TOKEN="eyJ…"`), as printed by `env` or a job log.
 */
const TOKEN_PREFIXES: ReadonlyArray<{ pattern: RegExp; bearer: boolean }> = [
  { pattern: /^authorization\s*:\s*bearer\s+/i, bearer: true },
  { pattern: /^bearer\s+/i, bearer: true },
  { pattern: /^(?:export\s+)?[A-Za-z_][A-Za-z0-9_]*=(?=["']?[A-Za-z0-9_-]+\.)/, bearer: false },
];

export function normaliseCompact(input: string): { compact: string; strippedBearer: boolean; strippedTrailingDot: boolean; strippedPrefix: string | null } {
  let text = input.trim();
  let strippedBearer = false;
  let strippedPrefix: string | null = null;
  for (const { pattern, bearer } of TOKEN_PREFIXES) {
    const match = pattern.exec(text);
    if (!match) continue;
    text = text.slice(match[0].length);
    strippedPrefix = match[0].trim();
    strippedBearer = bearer;
    break;
  }
  // `NAME='eyJ…'`: the shell's quotes.
  if (strippedPrefix !== null && !strippedBearer && text.length >= 2 && text.startsWith("'") && text.endsWith("'")) text = text.slice(1, -1);
  // Tokens copied out of terminals or logs often wrap; JWS compact form never contains whitespace.
  text = text.replace(/\s+/g, '');
  // Quoted copies from JSON output.
  if (text.length >= 2 && (text.startsWith('"') && text.endsWith('"'))) text = text.slice(1, -1);
  // A token copied from the end of a sentence brings the full stop with it: `h.p.s.` is never a
  // JWS or a JWE (those have 3 or 5 segments), so the last dot is punctuation.
  let strippedTrailingDot = false;
  if (text.endsWith('.') && text.split('.').length === 4) {
    text = text.slice(0, -1);
    strippedTrailingDot = true;
  }
  return { compact: text, strippedBearer, strippedTrailingDot, strippedPrefix };
}

/** A whole compact JWS (`header.payload.signature`, signature possibly empty) and nothing else. */
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.?$/;

/** How many whitespace-separated pieces of the input are complete tokens on their own. */
function tokensIn(input: string): number {
  return input
    .trim()
    .replace(/^bearer\s+/i, '')
    .split(/\s+/)
    .filter((piece) => COMPACT_JWS.test(piece.replace(/^"|"$/g, ''))).length;
}

function headerHasEnc(segment: string): boolean {
  const decoded = decodeSegmentJson(segment, 'header');
  return typeof decoded.value === 'object' && decoded.value !== null && 'enc' in decoded.value;
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

const SEVERAL_TOKENS =
  'This input holds more than one token run together: paste one token (header.payload.signature). It is not kept in the address bar or in share links.';

export function decodeToken(input: string): TokenOutcome {
  const { compact, strippedTrailingDot, strippedPrefix } = normaliseCompact(input);
  if (compact === '') return { ok: false, error: locatedAtStart('No token: paste a compact JWS (three dot-separated segments).') };
  if (tokensIn(input) > 1) return { ok: false, error: locatedAtStart(SEVERAL_TOKENS) };
  const segments = compact.split('.');
  // A JWE's protected header names its content encryption ("enc", RFC 7516 §4.1.2); five
  // segments without it are two tokens pasted together (the second header glued to the first signature).
  if (segments.length >= 5 && !headerHasEnc(segments[0])) return { ok: false, error: locatedAtStart(SEVERAL_TOKENS) };
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
  if (strippedPrefix !== null && /^bearer$/i.test(strippedPrefix)) warnings.push('A leading "Bearer " was removed.');
  else if (strippedPrefix !== null) warnings.push(`A leading "${strippedPrefix}" was removed.`);
  if (strippedTrailingDot) warnings.push('A trailing "." after the signature was removed.');
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

/**
 * Replies that wrap a token rather than being claims:
 * - GitHub Actions' token endpoint (`ACTIONS_ID_TOKEN_REQUEST_URL`) answers `{"count": …, "value": "<jwt>"}`
 *   (actions/toolkit packages/core/src/oidc-utils.ts reads `.value`).
 * - OAuth 2.0 / OIDC token responses carry `id_token` (OpenID Connect Core §3.1.3.3) and
 *   `access_token` (RFC 6749 §5.1); GitLab CI and other tools print `{"id_token": "<jwt>"}` or `{"token": "<jwt>"}`.
 * Only an object with no registered claim of its own is read as a wrapper, so claims that merely
 * contain a token somewhere stay claims.
 */
const WRAPPER_TOKEN_FIELDS = ['value', 'id_token', 'token', 'jwt', 'access_token'] as const;
const WRAPPER_OTHER_FIELDS = new Set(['count', 'token_type', 'expires_in', 'scope', 'refresh_token', 'issued_token_type', 'expires_at']);

function wrappedToken(value: unknown): { field: string; token: string } | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  const tokenFields = WRAPPER_TOKEN_FIELDS.filter((field) => Object.hasOwn(record, field));
  if (tokenFields.length === 0 || keys.some((key) => !WRAPPER_OTHER_FIELDS.has(key) && !(WRAPPER_TOKEN_FIELDS as readonly string[]).includes(key))) return null;
  for (const field of tokenFields) {
    const candidate = record[field];
    if (typeof candidate === 'string' && COMPACT_JWS.test(candidate.trim())) return { field, token: candidate };
  }
  return null;
}

/** Token input as a person pastes it: a JWS, a token endpoint's JSON reply, or a JSON object of claims. */
export function readTokenInput(text: string): TokenOutcome {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    const claims = parseClaims(text);
    const wrapped = claims.ok ? wrappedToken(claims.token.claims) : null;
    if (!wrapped) return claims;
    const decoded = decodeToken(wrapped.token);
    if (decoded.ok) decoded.token.warnings.unshift(`The token was taken out of the pasted reply's "${wrapped.field}" field.`);
    return decoded;
  }
  return decodeToken(text);
}
