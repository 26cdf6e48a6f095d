/**
 * Signature verification with jose, against key material the user supplied (a JWKS, a JWK, or a
 * PEM public key / certificate). Keys named by the token itself (`jku`, `x5u`) are never fetched:
 * the token does not get to choose who vouches for it.
 */
import {
  compactVerify,
  createLocalJWKSet,
  decodeProtectedHeader,
  importJWK,
  importSPKI,
  importX509,
  type JSONWebKeySet,
  type JWK,
} from 'jose';

export type SignatureStatus =
  | { state: 'skipped'; reason: string }
  | { state: 'verified'; kid: string | null; alg: string; keySource: string }
  | { state: 'invalid'; reason: string; keySource: string };

export const SIGNATURE_NOT_CHECKED: SignatureStatus = {
  state: 'skipped',
  reason: 'No key material was given: the token is decoded, not verified.',
};

export type KeyMaterial = { kind: 'jwks' | 'jwk' | 'pem'; text: string; source: string };

/** Guess what kind of key material a pasted text is. */
export function keyMaterialFrom(text: string, source: string): KeyMaterial {
  const trimmed = text.trim();
  if (trimmed.startsWith('-----BEGIN')) return { kind: 'pem', text: trimmed, source };
  try {
    const value = JSON.parse(trimmed) as { keys?: unknown };
    return { kind: Array.isArray(value.keys) ? 'jwks' : 'jwk', text: trimmed, source };
  } catch {
    return { kind: 'jwks', text: trimmed, source };
  }
}

function describe(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error) {
    const code = String((error as { code: unknown }).code);
    if (code === 'ERR_JWKS_NO_MATCHING_KEY') return 'no key in the JWKS matches the token\'s kid and alg';
    if (code === 'ERR_JWKS_MULTIPLE_MATCHING_KEYS') return 'several keys in the JWKS match the token\'s kid and alg';
    if (code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED') return 'the signature does not match the key';
  }
  return error instanceof Error ? error.message : String(error);
}

export async function verifySignature(compact: string | null, material: KeyMaterial): Promise<SignatureStatus> {
  if (!compact) return { state: 'skipped', reason: 'Crafted claims carry no signature.' };
  let alg = '';
  let kid: string | null = null;
  try {
    const header = decodeProtectedHeader(compact);
    alg = typeof header.alg === 'string' ? header.alg : '';
    kid = typeof header.kid === 'string' ? header.kid : null;
  } catch (error) {
    return { state: 'invalid', reason: describe(error), keySource: material.source };
  }
  if (alg === '' || alg.toLowerCase() === 'none') {
    return { state: 'invalid', reason: 'the token is unsigned (alg "none")', keySource: material.source };
  }
  try {
    if (material.kind === 'jwks') {
      const jwks = JSON.parse(material.text) as JSONWebKeySet;
      await compactVerify(compact, createLocalJWKSet(jwks));
    } else if (material.kind === 'jwk') {
      const jwk = JSON.parse(material.text) as JWK;
      // A key with a different kid is not the key the issuer signed this token with, even if it
      // happens to verify (RFC 7515 §4.1.4: kid names the key used); say so rather than "verified".
      if (typeof jwk.kid === 'string' && kid !== null && jwk.kid !== kid) {
        return { state: 'invalid', reason: `the pasted key's kid ${JSON.stringify(jwk.kid)} is not the token's kid ${JSON.stringify(kid)}`, keySource: material.source };
      }
      const key = await importJWK(jwk, alg);
      await compactVerify(compact, key);
    } else {
      const key = material.text.includes('CERTIFICATE') ? await importX509(material.text, alg) : await importSPKI(material.text, alg);
      await compactVerify(compact, key);
    }
    return { state: 'verified', kid, alg, keySource: material.source };
  } catch (error) {
    return { state: 'invalid', reason: describe(error), keySource: material.source };
  }
}
