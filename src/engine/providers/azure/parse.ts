/**
 * Reads federated identity credentials as `az ad app federated-credential show` prints one, as
 * `… list` prints them (a JSON array), or as Microsoft Graph returns a list (`{"value": [...]}`).
 * Graph and the Azure CLI print the same property names. Every credential keeps the source range
 * of itself and of each field so that checks can point at them.
 */
import { nodeAt, parseJsonDocument, rangeOfNode, rangeOfProperty, type JsonDocument, type JsonNode, type JSONPath, type LocatedError } from '../../json';
import type { ParseOutcome } from '../../provider';
import type { SourceRange } from '../../result';

export type CredentialField = 'name' | 'issuer' | 'subject' | 'audiences' | 'claimsMatchingExpression' | 'description';
export const CREDENTIAL_FIELDS: readonly CredentialField[] = ['name', 'issuer', 'subject', 'audiences', 'claimsMatchingExpression', 'description'];

/** Whose credential it is: user-assigned managed identities print an ARM resource type and id. */
export type CredentialOwner = 'application' | 'managedIdentity';

export interface Credential {
  index: number;
  /** JSON path of the credential object in the document. */
  path: JSONPath;
  raw: Record<string, unknown>;
  owner: CredentialOwner;
  /** Whole-credential range, and per present field the range from key to value. */
  source: SourceRange;
  fieldSource: Partial<Record<CredentialField, SourceRange>>;
  /** Range of the first audience value, of the expression string. */
  audienceSource?: SourceRange;
  expressionSource?: SourceRange;
  /**
   * Maps an index into the decoded expression text to its offset in the document, so a syntax
   * error in the expression points at the right column even when the JSON string has escapes.
   */
  expressionOffsets?: number[];
}

export interface AzurePolicy {
  shape: 'credential' | 'list' | 'graphList';
  credentials: Credential[];
  doc: JsonDocument;
}

const OTHER_PROVIDER_KEYS = [
  'Statement',
  'AssumeRolePolicyDocument',
  'Role',
  'data',
  'role',
  'config',
  'bound_audiences',
  'bound_claims',
  'user_claim',
  'role_type',
  'attributeMapping',
  'oidc',
  'provider',
];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A single credential's shape: issuer with a subject or expression, or an audiences list. */
export function looksLikeCredential(value: unknown): boolean {
  if (!isObject(value)) return false;
  if (OTHER_PROVIDER_KEYS.some((key) => key in value)) return false;
  if ('claimsMatchingExpression' in value) return true;
  if ('audiences' in value) return true;
  return 'issuer' in value && 'subject' in value;
}

function isGraphList(value: unknown): value is { value: unknown[] } {
  return isObject(value) && Array.isArray(value.value) && Object.keys(value).every((key) => key === 'value' || key.startsWith('@odata.'));
}

export function detectAzure(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0 && value.every(looksLikeCredential);
  if (isGraphList(value)) return value.value.length > 0 && value.value.every(looksLikeCredential);
  return looksLikeCredential(value);
}

function ownerOf(raw: Record<string, unknown>): CredentialOwner {
  const type = typeof raw.type === 'string' ? raw.type : '';
  const id = typeof raw.id === 'string' ? raw.id : '';
  return /Microsoft\.ManagedIdentity\/userAssignedIdentities/i.test(type) || /\/userAssignedIdentities\//i.test(id)
    ? 'managedIdentity'
    : 'application';
}

/** Decoded-string index → document offset for a JSON string node. */
export function stringOffsets(doc: JsonDocument, node: JsonNode): number[] {
  const raw = doc.text.slice(node.offset, node.offset + node.length);
  const offsets: number[] = [];
  let index = 1;
  while (index < raw.length - 1) {
    const start = node.offset + index;
    if (raw[index] === '\\') {
      const kind = raw[index + 1];
      offsets.push(start);
      index += kind === 'u' ? 6 : 2;
    } else {
      offsets.push(start);
      index++;
    }
  }
  // One past the end, for spans that end at the closing quote.
  offsets.push(node.offset + raw.length - 1);
  return offsets;
}

function readCredential(doc: JsonDocument, path: JSONPath, index: number): Credential | LocatedError {
  const node = nodeAt(doc, path);
  const value = node ? doc.value : undefined;
  const raw = path.reduce<unknown>((current, key) => (current as Record<string | number, unknown>)[key], value);
  const source = rangeOfNode(doc, node) ?? doc.lines.range(0, 1);
  if (!isObject(raw)) {
    return {
      message: `credential[${index}] is not an object: each federated identity credential is a JSON object with issuer, subject and audiences`,
      source,
    };
  }
  const fieldSource: Credential['fieldSource'] = {};
  for (const field of CREDENTIAL_FIELDS) {
    if (field in raw) fieldSource[field] = rangeOfProperty(doc, [...path, field]);
  }
  const credential: Credential = { index, path, raw, owner: ownerOf(raw), source, fieldSource };
  if (Array.isArray(raw.audiences) && raw.audiences.length > 0) {
    credential.audienceSource = rangeOfNode(doc, nodeAt(doc, [...path, 'audiences', 0]));
  }
  const expressionNode = nodeAt(doc, [...path, 'claimsMatchingExpression', 'value']);
  if (expressionNode?.type === 'string') {
    credential.expressionSource = rangeOfNode(doc, expressionNode);
    credential.expressionOffsets = stringOffsets(doc, expressionNode);
  }
  return credential;
}

export function parseAzure(text: string): ParseOutcome<AzurePolicy> {
  const parsed = parseJsonDocument(text, 'The federated identity credential');
  if (!parsed.ok) return parsed;
  const doc = parsed.doc;
  const value = doc.value;
  let shape: AzurePolicy['shape'];
  let paths: JSONPath[];
  if (Array.isArray(value)) {
    shape = 'list';
    paths = value.map((_, index) => [index]);
  } else if (isGraphList(value)) {
    shape = 'graphList';
    paths = value.value.map((_, index) => ['value', index]);
  } else if (isObject(value)) {
    shape = 'credential';
    paths = [[]];
  } else {
    return {
      ok: false,
      error: {
        message:
          'An Azure federated identity credential is a JSON object (as `az ad app federated-credential show` prints it) or an array of them (as `… list` prints them)',
        source: rangeOfNode(doc, doc.root) ?? doc.lines.range(0, 1),
      },
    };
  }
  const credentials: Credential[] = [];
  for (const [index, path] of paths.entries()) {
    const credential = readCredential(doc, path, index);
    if (!('raw' in credential)) return { ok: false, error: credential };
    credentials.push(credential);
  }
  return { ok: true, policy: { shape, credentials, doc } };
}

/** Document range of a span of the credential's expression text. */
export function expressionRange(policy: AzurePolicy, credential: Credential, start: number, end: number): SourceRange | undefined {
  const offsets = credential.expressionOffsets;
  if (!offsets || offsets.length === 0) return credential.expressionSource;
  const clamp = (i: number) => offsets[Math.max(0, Math.min(i, offsets.length - 1))];
  const from = clamp(start);
  const to = end > start ? clamp(end) : from + 1;
  return policy.doc.lines.range(from, Math.max(to, from + 1));
}
