/**
 * Azure: `az ad app federated-credential list` (https://learn.microsoft.com/en-us/cli/azure/ad/app/federated-credential)
 * and `az identity federated-credential list` (https://learn.microsoft.com/en-us/cli/azure/identity/federated-credential)
 * print a list of federated identity credentials; each is one configuration, named by its `name`.
 * Every credential trusts an OIDC issuer (its `issuer`).
 */
import type { FileRead } from './types';
import { isObject, jsonText, Locator } from './locate';

function looksLikeCredential(value: unknown): value is Record<string, unknown> {
  return isObject(value) && typeof value.issuer === 'string' && ('subject' in value || 'claimsMatchingExpression' in value) && 'audiences' in value;
}

export function looksLikeAzureCredentialList(value: unknown): value is Record<string, unknown>[] {
  return Array.isArray(value) && value.length > 0 && value.every(looksLikeCredential);
}

export function readAzureCredentialList(file: string, text: string, credentials: Record<string, unknown>[]): FileRead {
  const locator = new Locator(text);
  const read: FileRead = { configurations: [], skipped: 0, errors: [], recognised: true };
  for (const [index, credential] of credentials.entries()) {
    const name = typeof credential.name === 'string' ? credential.name : `credential ${index + 1}`;
    const line = typeof credential.name === 'string' ? locator.next('name', credential.name) : locator.next('issuer', String(credential.issuer));
    read.configurations.push({ name, provider: 'azure', policyText: jsonText(credential), source: { file, line }, issuers: [String(credential.issuer)] });
  }
  return read;
}
