/**
 * Which issuers flexible credentials accept and which claims each may test
 * (workload-identities-flexible-federated-identity-credentials, "Issuer URLs, supported claims,
 * and operators by platform"). Every listed claim supports both `eq` and `matches`.
 */

export const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com';
export const DEFAULT_AUDIENCE = 'api://AzureADTokenExchange';

export interface FlexiblePlatform {
  platform: 'GitHub' | 'GitLab' | 'Terraform Cloud';
  claims: readonly string[];
}

const TERRAFORM_ISSUERS = new Set(['https://app.terraform.io', 'https://app.eu.terraform.io']);
// "https://gitlab.com, https://gitlab.example.com, and https://gitlab.example.ca where example can be any string".
const GITLAB_ISSUER = /^https:\/\/gitlab\.[^/?#\s]+\.(com|ca)$/;

export function flexiblePlatformFor(issuer: string): FlexiblePlatform | null {
  if (issuer === GITHUB_ISSUER) return { platform: 'GitHub', claims: ['sub', 'job_workflow_ref'] };
  if (issuer === 'https://gitlab.com' || GITLAB_ISSUER.test(issuer)) {
    return { platform: 'GitLab', claims: ['sub'] };
  }
  if (TERRAFORM_ISSUERS.has(issuer)) return { platform: 'Terraform Cloud', claims: ['sub'] };
  return null;
}

/**
 * Entra ID's own issuers cannot be federated (workload-identity-federation-considerations,
 * "Microsoft Entra issuers aren't supported"): *.login.microsoftonline.com, *.login.windows.net,
 * *.login.microsoft.com, *.sts.windows.net.
 */
const ENTRA_HOSTS = ['login.microsoftonline.com', 'login.windows.net', 'login.microsoft.com', 'sts.windows.net'];

export function isEntraIssuer(issuer: string): boolean {
  let host: string;
  try {
    host = new URL(issuer).hostname.toLowerCase();
  } catch {
    return false;
  }
  return ENTRA_HOSTS.some((entra) => host === entra || host.endsWith(`.${entra}`));
}
