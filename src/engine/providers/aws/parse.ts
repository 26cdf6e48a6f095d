/**
 * Reads a trust policy in every form people paste it:
 * - the policy document itself (`{"Version": …, "Statement": …}`, Statement an object or an array);
 * - `aws iam get-role --output json` output (`{"Role": {"AssumeRolePolicyDocument": …}}`), the
 *   document either an object or the URL-encoded string the IAM API returns;
 * - a bare `Role` object (`{"RoleName": …, "AssumeRolePolicyDocument": …}`);
 * - the raw URL-encoded document text (`%7B%22Version%22…`);
 * - a wrapper that adds the account's IAM OIDC provider, as `aws iam get-open-id-connect-provider`
 *   prints it: `{"TrustPolicy" | "AssumeRolePolicyDocument" | "Role": …, "OpenIDConnectProvider": {"Url", "ClientIDList"}}`
 *   (or `"OpenIDConnectProviders": [ … ]` for several).
 *
 * Every later check locates itself through `locate`, so it can point at its line in the editor.
 */
import {
  LineIndex,
  nodeAt,
  parseJsonDocument,
  rangeOfNode,
  rangeOfProperty,
  type JsonDocument,
  type JsonNode,
  type JSONPath,
  type LocatedError,
} from '../../json';
import type { ParseOutcome } from '../../provider';
import type { SourceRange } from '../../result';

export type PolicyShape = 'document' | 'get-role' | 'role' | 'wrapper' | 'url-encoded';

export interface OidcProviderInput {
  /** As `get-open-id-connect-provider` prints it: usually without the `https://` scheme. */
  url: string | null;
  clientIds: string[];
  path: JSONPath;
}

export interface AwsPolicy {
  outer: JsonDocument;
  shape: PolicyShape;
  /** The trust policy document (decoded when it arrived URL-encoded). */
  document: unknown;
  /** Path of the document inside the editor text; null when the document was decoded from a string. */
  documentPath: JSONPath | null;
  /** Path of the URL-encoded string that held the document, when it was one. */
  encodedPath: JSONPath | null;
  /** Null: no provider given, so the STS provider and audience checks are skipped. */
  oidcProviders: OidcProviderInput[] | null;
}

const DOCUMENT_KEYS = ['TrustPolicy', 'AssumeRolePolicyDocument'] as const;
const PROVIDER_KEYS = ['OpenIDConnectProvider', 'OpenIDConnectProviders'] as const;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function looksUrlEncoded(text: string): boolean {
  return /^%7B/i.test(text.trim());
}

/** Whether a JSON value is one of the shapes above. Used by provider detection. */
export function looksLikeAwsPolicy(text: string, value: unknown): boolean {
  if (value === undefined) return looksUrlEncoded(text);
  if (!isObject(value)) return false;
  if ('Statement' in value) return true;
  // A document that lost its Statement is still an IAM policy by its Version, the only two values
  // the policy grammar allows; recognising it lets IAM's "Missing statement" error be reported.
  if (value.Version === '2012-10-17' || value.Version === '2008-10-17') return true;
  if (DOCUMENT_KEYS.some((key) => key in value)) return true;
  if (isObject(value.Role) && 'AssumeRolePolicyDocument' in value.Role) return true;
  return PROVIDER_KEYS.some((key) => key in value);
}

function located(doc: JsonDocument, path: JSONPath, message: string): LocatedError {
  const range = rangeOfProperty(doc, path) ?? rangeOfNode(doc, doc.root) ?? { line: 1, column: 1, endLine: 1, endColumn: 2 };
  return { message, source: range };
}

function decodeEncodedDocument(text: string): { ok: true; value: unknown } | { ok: false; reason: string } {
  let decoded = text;
  if (/%[0-9a-f]{2}/i.test(text)) {
    try {
      // The IAM API form-encodes the document (RFC 3986 percent-encoding; `+` stays literal).
      decoded = decodeURIComponent(text);
    } catch {
      return { ok: false, reason: 'it is not valid URL encoding' };
    }
  }
  let parsed = parseJsonDocument(decoded, 'The decoded AssumeRolePolicyDocument');
  if (!parsed.ok && text.includes('+')) {
    // Form encoding writes spaces as `+`; try that reading before giving up.
    const formDecoded = parseJsonDocument(decoded.replaceAll('+', ' '), 'The decoded AssumeRolePolicyDocument');
    if (formDecoded.ok) parsed = formDecoded;
  }
  if (!parsed.ok) return { ok: false, reason: parsed.error.message.replace(/^The decoded AssumeRolePolicyDocument /, 'it ') };
  return { ok: true, value: parsed.doc.value };
}

function readProviders(doc: JsonDocument, root: Record<string, unknown>): ParseOutcome<OidcProviderInput[] | null> {
  const single = root.OpenIDConnectProvider;
  const several = root.OpenIDConnectProviders;
  if (single === undefined && several === undefined) return { ok: true, policy: null };
  const entries: Array<{ value: unknown; path: JSONPath }> = [];
  if (single !== undefined) entries.push({ value: single, path: ['OpenIDConnectProvider'] });
  if (several !== undefined) {
    if (!Array.isArray(several)) {
      return { ok: false, error: located(doc, ['OpenIDConnectProviders'], 'OpenIDConnectProviders must be an array of get-open-id-connect-provider outputs.') };
    }
    several.forEach((value, index) => entries.push({ value, path: ['OpenIDConnectProviders', index] }));
  }
  const providers: OidcProviderInput[] = [];
  for (const { value, path } of entries) {
    if (!isObject(value)) {
      return { ok: false, error: located(doc, path, 'An OpenID Connect provider must be an object with Url and ClientIDList, as `aws iam get-open-id-connect-provider` prints it.') };
    }
    const url = typeof value.Url === 'string' ? value.Url : null;
    const list = value.ClientIDList;
    if (list !== undefined && !(Array.isArray(list) && list.every((id) => typeof id === 'string'))) {
      return { ok: false, error: located(doc, [...path, 'ClientIDList'], 'ClientIDList must be an array of strings.') };
    }
    providers.push({ url, clientIds: (list as string[] | undefined) ?? [], path });
  }
  return { ok: true, policy: providers };
}

export function parsePolicy(text: string): ParseOutcome<AwsPolicy> {
  if (looksUrlEncoded(text)) {
    // The whole text is one URL-encoded document: its parts all point at that text.
    const root: JsonNode = { type: 'string', value: text, offset: 0, length: text.length };
    const outer: JsonDocument = { text, root, value: text, lines: new LineIndex(text) };
    const everywhere = outer.lines.range(0, Math.max(1, text.length));
    const decoded = decodeEncodedDocument(text.trim());
    if (!decoded.ok) return { ok: false, error: { message: `The URL-encoded trust policy cannot be read: ${decoded.reason}.`, source: everywhere } };
    if (!isObject(decoded.value)) {
      return { ok: false, error: { message: 'The URL-encoded trust policy must decode to a JSON object.', source: everywhere } };
    }
    return { ok: true, policy: { outer, shape: 'url-encoded', document: decoded.value, documentPath: null, encodedPath: [], oidcProviders: null } };
  }
  const parsed = parseJsonDocument(text, 'The trust policy');
  if (!parsed.ok) return parsed;
  const doc = parsed.doc;
  const root = doc.value;
  if (!isObject(root)) {
    return { ok: false, error: { message: 'The trust policy must be a JSON object with a Statement element.', source: rangeOfNode(doc, doc.root)! } };
  }

  const providers = readProviders(doc, root);
  if (!providers.ok) return providers;

  let documentPath: JSONPath | null = null;
  let shape: PolicyShape = 'document';
  if (isObject(root.Role) && 'AssumeRolePolicyDocument' in root.Role) {
    documentPath = ['Role', 'AssumeRolePolicyDocument'];
    shape = 'get-role';
  } else if ('TrustPolicy' in root) {
    documentPath = ['TrustPolicy'];
    shape = 'wrapper';
  } else if ('AssumeRolePolicyDocument' in root) {
    documentPath = ['AssumeRolePolicyDocument'];
    shape = 'RoleName' in root || 'Arn' in root || 'RoleId' in root ? 'role' : 'wrapper';
  } else if ('Statement' in root || !providers.policy) {
    documentPath = [];
  } else {
    return { ok: false, error: located(doc, ['OpenIDConnectProvider'], 'Add the trust policy beside the OpenID Connect provider, as "TrustPolicy": {…}.') };
  }
  if (shape === 'document' && providers.policy) shape = 'wrapper';

  const documentValue = documentPath.length === 0 ? root : valueAt(root, documentPath);
  if (typeof documentValue === 'string') {
    const decoded = decodeEncodedDocument(documentValue);
    if (!decoded.ok) {
      return { ok: false, error: located(doc, documentPath, `AssumeRolePolicyDocument cannot be read: ${decoded.reason}.`) };
    }
    if (!isObject(decoded.value)) {
      return { ok: false, error: located(doc, documentPath, 'AssumeRolePolicyDocument must decode to a JSON object.') };
    }
    return { ok: true, policy: { outer: doc, shape, document: decoded.value, documentPath: null, encodedPath: documentPath, oidcProviders: providers.policy } };
  }
  if (!isObject(documentValue)) {
    return { ok: false, error: located(doc, documentPath, 'The trust policy document must be a JSON object with a Statement element.') };
  }
  return { ok: true, policy: { outer: doc, shape, document: documentValue, documentPath, encodedPath: null, oidcProviders: providers.policy } };
}

function valueAt(root: unknown, path: JSONPath): unknown {
  let current: unknown = root;
  for (const segment of path) {
    if (Array.isArray(current) && typeof segment === 'number') current = current[segment];
    else if (isObject(current) && typeof segment === 'string') current = current[segment];
    else return undefined;
  }
  return current;
}

/**
 * Where a part of the trust policy document sits in the editor text. A document decoded from a
 * URL-encoded string has no lines of its own, so its parts point at that string.
 */
export function locate(policy: AwsPolicy, path: JSONPath): SourceRange | undefined {
  // A policy is evaluated against many tokens: remember each range once found.
  let memo = LOCATIONS.get(policy);
  if (!memo) LOCATIONS.set(policy, (memo = new Map()));
  const key = path.join('\u0000');
  if (memo.has(key)) return memo.get(key);
  const range = locateUncached(policy, path);
  memo.set(key, range);
  return range;
}

const LOCATIONS = new WeakMap<AwsPolicy, Map<string, SourceRange | undefined>>();

function locateUncached(policy: AwsPolicy, path: JSONPath): SourceRange | undefined {
  if (policy.documentPath) {
    return rangeOfProperty(policy.outer, [...policy.documentPath, ...path]) ?? rangeOfNode(policy.outer, nodeAt(policy.outer, policy.documentPath));
  }
  if (policy.encodedPath) {
    const node = policy.encodedPath.length === 0 ? policy.outer.root : nodeAt(policy.outer, policy.encodedPath);
    return rangeOfNode(policy.outer, node ?? policy.outer.root);
  }
  return undefined;
}

/** Where a part of the editor text outside the document sits (the OIDC provider). */
export function locateOuter(policy: AwsPolicy, path: JSONPath): SourceRange | undefined {
  return rangeOfProperty(policy.outer, path);
}
