/**
 * What the service refuses to save. A credential set that breaks one of these rules cannot exist,
 * so evaluation reports it as an `error` with the service's validation message where it is
 * documented (workload-identity-federation-considerations, "Errors") and a plain statement of the
 * rule where it is not.
 */
import type { SourceRange } from '../../result';
import { parseExpression, type Expression } from './expression';
import { DEFAULT_AUDIENCE, flexiblePlatformFor } from './issuers';
import { VALIDATION } from './messages';
import { expressionRange, type AzurePolicy, type Credential } from './parse';

/** Issuer, subject, each audience and the description: "This field has a character limit of 600 characters." */
export const VALUE_LIMIT = 600;
/** "A maximum of 20 federated identity credentials can be added to an application or user-assigned managed identity." */
export const CREDENTIAL_LIMIT = 20;
/** "3-120 characters … Alphanumeric, dash, or underscore characters are supported, the first character must be alphanumeric only." */
const NAME_RULE = /^[A-Za-z0-9][A-Za-z0-9_-]{2,119}$/;

export interface ValidationError {
  message: string;
  source?: SourceRange;
}

export type CredentialMatch =
  | { kind: 'subject'; subject: string }
  | { kind: 'expression'; text: string; expression: Expression };

export interface ValidCredential {
  credential: Credential;
  label: string;
  name: string | null;
  issuer: string;
  audience: string;
  /** No `audiences` member at all: the value every tool fills in is assumed. */
  audienceDefaulted: boolean;
  match: CredentialMatch;
}

export type ValidationOutcome = { ok: true; credentials: ValidCredential[] } | { ok: false; error: ValidationError };

function present(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

function tooLong(label: string, field: string, value: string): string {
  return `${label}: ${field} is ${[...value].length} characters long; the limit is ${VALUE_LIMIT} characters`;
}

export function validateCredential(policy: AzurePolicy, credential: Credential): ValidCredential | ValidationError {
  const raw = credential.raw;
  const label = `credential[${credential.index}]`;
  const at = (field: keyof Credential['fieldSource']) => credential.fieldSource[field] ?? credential.source;

  let name: string | null = null;
  // A missing name is a draft (reported by lint); a present one must follow the naming rule.
  if (raw.name !== undefined && raw.name !== null) {
    if (typeof raw.name !== 'string' || !NAME_RULE.test(raw.name)) {
      return { message: VALIDATION.invalidName(typeof raw.name === 'string' ? raw.name : JSON.stringify(raw.name)), source: at('name') };
    }
    name = raw.name;
  }

  if (!present(raw.issuer)) return { message: VALIDATION.emptyProperties, source: at('issuer') };
  if (typeof raw.issuer !== 'string') return { message: `${label}: issuer must be a string (the issuer URL)`, source: at('issuer') };
  if ([...raw.issuer].length > VALUE_LIMIT) return { message: tooLong(label, 'issuer', raw.issuer), source: at('issuer') };
  const issuer = raw.issuer;

  let audience = DEFAULT_AUDIENCE;
  const audienceDefaulted = raw.audiences === undefined || raw.audiences === null;
  if (!audienceDefaulted) {
    if (!Array.isArray(raw.audiences) || raw.audiences.length !== 1) {
      return { message: VALIDATION.exactlyOneAudience, source: at('audiences') };
    }
    const only = raw.audiences[0];
    if (typeof only !== 'string') return { message: VALIDATION.exactlyOneAudience, source: credential.audienceSource ?? at('audiences') };
    if (only === '') return { message: VALIDATION.emptyProperties, source: credential.audienceSource ?? at('audiences') };
    if ([...only].length > VALUE_LIMIT) return { message: tooLong(label, 'audience', only), source: credential.audienceSource };
    audience = only;
  }

  const hasSubject = present(raw.subject);
  const hasExpression = raw.claimsMatchingExpression !== undefined && raw.claimsMatchingExpression !== null;
  if (hasSubject && hasExpression) {
    return {
      message: `${label}: subject and claimsMatchingExpression are mutually exclusive; a flexible credential needs "subject": null`,
      source: at('claimsMatchingExpression'),
    };
  }
  if (!hasSubject && !hasExpression) return { message: VALIDATION.emptyProperties, source: at('subject') };

  if (typeof raw.description === 'string' && [...raw.description].length > VALUE_LIMIT) {
    return { message: tooLong(label, 'description', raw.description), source: at('description') };
  }

  const base = { credential, label, name, issuer, audience, audienceDefaulted };
  if (hasSubject) {
    if (typeof raw.subject !== 'string') return { message: `${label}: subject must be a string`, source: at('subject') };
    if ([...raw.subject].length > VALUE_LIMIT) return { message: tooLong(label, 'subject', raw.subject), source: at('subject') };
    return { ...base, match: { kind: 'subject', subject: raw.subject } };
  }
  const flexible = validateExpression(policy, credential, label, issuer);
  if ('message' in flexible) return flexible;
  return { ...base, match: flexible };
}

function validateExpression(
  policy: AzurePolicy,
  credential: Credential,
  label: string,
  issuer: string,
): Extract<CredentialMatch, { kind: 'expression' }> | ValidationError {
  const source = credential.fieldSource.claimsMatchingExpression ?? credential.source;
  const value = credential.raw.claimsMatchingExpression;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { message: `${label}: claimsMatchingExpression must be an object {"value": "…", "languageVersion": 1}`, source };
  }
  const expression = value as Record<string, unknown>;
  if (typeof expression.value !== 'string' || expression.value.trim() === '') {
    return { message: `${label}: claimsMatchingExpression.value must be a non-empty string`, source: credential.expressionSource ?? source };
  }
  // federatedIdentityExpression: languageVersion "Should always be set to 1. Required."
  if (expression.languageVersion !== 1) {
    return { message: `${label}: claimsMatchingExpression.languageVersion is required and must be 1`, source };
  }
  const parsed = parseExpression(expression.value);
  if (!parsed.ok) {
    return {
      message: `${label}: claimsMatchingExpression: ${parsed.error.message}`,
      source: expressionRange(policy, credential, parsed.error.span.start, parsed.error.span.end),
    };
  }
  const platform = flexiblePlatformFor(issuer);
  if (!platform) {
    return {
      message:
        `${label}: flexible federated identity credentials accept only GitHub (https://token.actions.githubusercontent.com), ` +
        `GitLab (https://gitlab.com, https://gitlab.<name>.com or .ca) and Terraform Cloud (https://app.terraform.io, https://app.eu.terraform.io) issuers, not '${issuer}'`,
      source: credential.fieldSource.issuer ?? source,
    };
  }
  for (const comparison of parsed.expression.comparisons) {
    if (!platform.claims.includes(comparison.claim)) {
      return {
        message: `${label}: claimsMatchingExpression: claim '${comparison.claim}' is not supported for ${platform.platform} tokens; supported: ${platform.claims.join(', ')}`,
        source: expressionRange(policy, credential, comparison.claimSpan.start, comparison.claimSpan.end),
      };
    }
  }
  return { kind: 'expression', text: expression.value, expression: parsed.expression };
}

export function validatePolicy(policy: AzurePolicy): ValidationOutcome {
  const valid: ValidCredential[] = [];
  for (const credential of policy.credentials) {
    const outcome = validateCredential(policy, credential);
    if ('message' in outcome) return { ok: false, error: outcome };
    valid.push(outcome);
  }
  if (valid.length > CREDENTIAL_LIMIT) {
    return {
      ok: false,
      error: {
        message: `A maximum of ${CREDENTIAL_LIMIT} federated identity credentials can be added to an application or user-assigned managed identity; this list has ${valid.length}`,
        source: valid[CREDENTIAL_LIMIT].credential.source,
      },
    };
  }
  const names = new Map<string, ValidCredential>();
  const pairs = new Map<string, ValidCredential>();
  for (const entry of valid) {
    if (entry.name !== null) {
      const earlier = names.get(entry.name);
      if (earlier) {
        return {
          ok: false,
          error: {
            message: `${entry.label}: the name '${entry.name}' is already used by ${earlier.label}; a credential's name is its unique key`,
            source: entry.credential.fieldSource.name,
          },
        };
      }
      names.set(entry.name, entry);
    }
    if (entry.match.kind === 'subject') {
      // "The combination of issuer and subject must be unique on the app."
      const key = JSON.stringify([entry.issuer, entry.match.subject]);
      if (pairs.has(key)) {
        return {
          ok: false,
          error: { message: VALIDATION.duplicateIssuerSubject(entry.credential.owner), source: entry.credential.fieldSource.subject ?? entry.credential.source },
        };
      }
      pairs.set(key, entry);
    }
  }
  return { ok: true, credentials: valid };
}
