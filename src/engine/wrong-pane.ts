/**
 * Input pasted into the wrong pane: a job token in the trust configuration pane, or a trust
 * configuration in the token pane. Each pane would otherwise answer with its own parser's error
 * ("not valid JSON at line 1", "Missing a required claim: iss" with `Version` and `Statement`
 * listed as claims); this says what the text looks like and where it belongs instead.
 */
import { detectIacFormat } from './inputs/index';
import { detectProvider } from './providers/detect-faces';
import { PROVIDER_FACES } from './providers/faces';
import type { ProviderId } from './result';
import { decodeToken, readTokenInput } from './token';

export interface PaneHint {
  /** The pane the text belongs in. */
  belongs: 'token' | 'policy';
  /** What it looks like, e.g. "a job token (JWT)", "an AWS IAM role trust policy". */
  looksLike: string;
  /** For a configuration: the provider its shape names. */
  provider?: ProviderId;
}

/** Past this, the text is left to the pane's own reader: detection runs on every keystroke. */
const MAX_HINT_CHARS = 200_000;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parsedObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return isObject(value) ? value : null;
  } catch {
    return null;
  }
}

function detectedProvider(text: string): ProviderId | null {
  try {
    const detection = detectProvider(text);
    return detection.ok ? detection.provider : null;
  } catch {
    return null;
  }
}

/** A token, or a token's claims, in the trust configuration pane. */
export function tokenInPolicyPane(policyText: string): PaneHint | null {
  const text = policyText.trim();
  if (text === '' || text.length > MAX_HINT_CHARS) return null;
  if (!text.startsWith('{')) return decodeToken(text).ok ? { belongs: 'token', looksLike: 'a job token (JWT)' } : null;
  if (detectedProvider(text) !== null) return null;
  const value = parsedObject(text);
  // Registered claims (RFC 7519 §4.1) that no provider's configuration has at its top level.
  if (value && typeof value.iss === 'string' && ('sub' in value || 'aud' in value || 'exp' in value)) return { belongs: 'token', looksLike: "a token's claims" };
  return null;
}

function withArticle(label: string): string {
  return `${/^[AEIOU]/.test(label) ? 'an' : 'a'} ${label}`;
}

/** A trust configuration (any provider's, or Terraform / CloudFormation) in the token pane. */
export function configurationInTokenPane(tokenText: string): PaneHint | null {
  const text = tokenText.trim();
  if (text === '' || text.length > MAX_HINT_CHARS) return null;
  const token = readTokenInput(text);
  // A readable token with an issuer is a token, whatever else its claims hold.
  if (token.ok && typeof token.token.claims.iss === 'string') return null;
  const provider = detectedProvider(text);
  const format = detectIacFormat(text);
  // Terraform is named as such, whichever provider's resources it declares.
  if (format === 'terraform') return { belongs: 'policy', looksLike: 'Terraform / OpenTofu code', ...(provider ? { provider } : {}) };
  if (provider) return { belongs: 'policy', looksLike: withArticle(PROVIDER_FACES[provider].label), provider };
  if (format) return { belongs: 'policy', looksLike: 'a CloudFormation template' };
  return null;
}
