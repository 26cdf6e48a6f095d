/**
 * AWS account exports: `aws iam get-account-authorization-details` (RoleDetailList) and
 * `aws iam list-roles` (Roles). Each role's AssumeRolePolicyDocument is a trust policy; the IAM API
 * returns it URL-encoded (RFC 3986), the AWS CLI decodes it, and both forms are read.
 * Output shapes: https://docs.aws.amazon.com/cli/latest/reference/iam/get-account-authorization-details.html
 * and https://docs.aws.amazon.com/cli/latest/reference/iam/list-roles.html
 */
import type { FileRead, ScanConfiguration } from './types';
import { isObject, jsonText, Locator } from './locate';

export function looksLikeAwsExport(value: unknown): value is { RoleDetailList?: unknown[]; Roles?: unknown[] } {
  if (!isObject(value)) return false;
  if (Array.isArray(value.RoleDetailList)) return true;
  return Array.isArray(value.Roles) && value.Roles.every((role) => isObject(role) && 'RoleName' in role);
}

/** The decoded trust policy of a role, or null when it cannot be read. */
export function trustDocument(raw: unknown): unknown {
  if (isObject(raw)) return raw;
  if (typeof raw !== 'string') return null;
  for (const decode of [(text: string) => decodeURIComponent(text), (text: string) => text]) {
    try {
      const value = JSON.parse(decode(raw));
      if (isObject(value)) return value;
    } catch {
      // the other decoding
    }
  }
  return null;
}

/** Whether an IAM action pattern (case-insensitive, `*` and `?` wildcards) covers AssumeRoleWithWebIdentity. */
function coversWebIdentity(action: string): boolean {
  const lower = action.toLowerCase();
  if (!lower.includes('*') && !lower.includes('?')) return lower === 'sts:assumerolewithwebidentity';
  const pattern = lower.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${pattern}$`).test('sts:assumerolewithwebidentity');
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

/**
 * The OIDC issuers a trust policy lets in through an Allow statement: its `Federated` principals
 * other than SAML providers, on statements whose actions include AssumeRoleWithWebIdentity. Read
 * from the document's shape only, before any condition is parsed: most roles of an account trust
 * services or accounts and stop here.
 */
export function webIdentityIssuers(document: unknown): string[] {
  if (!isObject(document)) return [];
  const issuers: string[] = [];
  for (const statement of list(document.Statement)) {
    if (!isObject(statement) || statement.Effect !== 'Allow') continue;
    if (!list(statement.Action).some((action) => coversWebIdentity(String(action)))) continue;
    const principal = statement.Principal;
    // "*" lets in a token of any identity provider the account registers: analysed, issuer unknown.
    if (principal === '*' || (isObject(principal) && (principal.AWS === '*' || principal.Federated === '*'))) {
      issuers.push('*');
      continue;
    }
    if (!isObject(principal)) continue;
    for (const federated of list(principal.Federated)) {
      if (typeof federated !== 'string' || federated.includes(':saml-provider/')) continue;
      const host = /:oidc-provider\/(.+)$/.exec(federated)?.[1] ?? federated;
      issuers.push(`https://${host.replace(/^https?:\/\//, '')}`);
    }
  }
  return [...new Set(issuers)];
}

/** Issuers to show: a `*` principal names none. */
export function namedIssuers(issuers: string[]): string[] {
  return issuers.filter((issuer) => issuer !== '*');
}

export function readAwsExport(file: string, text: string, value: { RoleDetailList?: unknown[]; Roles?: unknown[] }): FileRead {
  const roles = value.RoleDetailList ?? value.Roles ?? [];
  const locator = new Locator(text);
  const read: FileRead = { configurations: [], skipped: 0, errors: [], recognised: true };
  for (const [index, role] of roles.entries()) {
    if (!isObject(role)) continue;
    const name = typeof role.RoleName === 'string' ? role.RoleName : `role ${index + 1}`;
    const line = typeof role.RoleName === 'string' ? locator.next('RoleName', role.RoleName) : 1;
    const document = trustDocument(role.AssumeRolePolicyDocument);
    if (document === null) {
      read.errors.push({ source: { file, line }, message: `${name}: the AssumeRolePolicyDocument is not a JSON policy document (plain or URL-encoded)` });
      continue;
    }
    const issuers = webIdentityIssuers(document);
    if (issuers.length === 0) {
      read.skipped++;
      continue;
    }
    const configuration: ScanConfiguration = { name, provider: 'aws', policyText: jsonText(document), source: { file, line }, issuers: namedIssuers(issuers) };
    read.configurations.push(configuration);
  }
  return read;
}
