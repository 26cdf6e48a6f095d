/**
 * Findings about the credentials alone (no token): things that save fine but never match, or
 * match more or less than intended.
 */
import type { Finding } from '../../result';
import { DEFAULT_AUDIENCE, GITHUB_ISSUER, isEntraIssuer } from './issuers';
import type { AzurePolicy, Credential } from './parse';
import { REFERENCES } from './references';

const WILDCARD = /[*?]/;

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function expressionText(credential: Credential): string | null {
  const expression = credential.raw.claimsMatchingExpression;
  if (typeof expression !== 'object' || expression === null) return null;
  return text((expression as Record<string, unknown>).value);
}

function lintCredential(credential: Credential): Finding[] {
  const findings: Finding[] = [];
  const label = `credential[${credential.index}]`;
  const issuer = text(credential.raw.issuer);
  const subject = text(credential.raw.subject);
  const audiences = credential.raw.audiences;
  const audience = Array.isArray(audiences) ? text(audiences[0]) : null;

  for (const [field, value, source] of [
    ['issuer', issuer, credential.fieldSource.issuer],
    ['subject', subject, credential.fieldSource.subject],
    ['audience', audience, credential.audienceSource],
  ] as const) {
    if (value !== null && WILDCARD.test(value)) {
      findings.push({
        id: 'azure.wildcard-is-literal',
        severity: 'high',
        message: `${label}: the ${field} contains ${value.includes('*') ? '`*`' : '`?`'}, which Entra ID compares literally ("Wildcard characters aren't supported in any federated identity credential property value"); it matches only a token carrying that exact character. For patterns use a flexible credential (claimsMatchingExpression with matches).`,
        source,
        reference: REFERENCES.considerations,
      });
    }
  }

  const expression = expressionText(credential);
  if (issuer === GITHUB_ISSUER) {
    for (const [value, source] of [
      [subject, credential.fieldSource.subject],
      [expression, credential.expressionSource],
    ] as const) {
      if (value !== null && /:pull-request(?![A-Za-z0-9_-])/.test(value)) {
        findings.push({
          id: 'azure.github-pull-request-hyphen',
          severity: 'high',
          message: `${label}: \`pull-request\` (as the Entra documentation writes it) never matches: GitHub's pull request subject is \`repo:OWNER/REPO:pull_request\` with an underscore.`,
          source,
          reference: REFERENCES.githubOidc,
        });
      }
    }
    if (expression !== null && /repo:[^/'@]+@\d+\//.test(expression)) {
      findings.push({
        id: 'azure.flexible-immutable-shape',
        severity: 'low',
        message: `${label}: the expression contains the immutable \`OWNER@ID/REPO@ID\` subject shape; public reports say the flexible-expression validator refuses it (unverified), and Microsoft's migration path adds a subject-based credential for immutable subjects instead.`,
        source: credential.expressionSource,
        reference: REFERENCES.immutableSubjects,
      });
    }
  }

  if (issuer !== null) {
    if (isEntraIssuer(issuer)) {
      findings.push({
        id: 'azure.entra-issuer',
        severity: 'high',
        message: `${label}: Microsoft Entra issuers are not supported; tokens from '${issuer}' fail with AADSTS700222 (AAD-issued tokens may not be used for federated identity flows).`,
        source: credential.fieldSource.issuer,
        reference: REFERENCES.considerations,
      });
    }
    if (issuer !== issuer.trim()) {
      findings.push({
        id: 'azure.issuer-whitespace',
        severity: 'high',
        message: `${label}: the issuer has leading or trailing whitespace; token issuers never do, and Entra ID does not trim.`,
        source: credential.fieldSource.issuer,
        reference: REFERENCES.considerations,
      });
    } else if (issuer.endsWith('/') && /^https:\/\/[^/]+\/$/.test(issuer)) {
      findings.push({
        id: 'azure.issuer-trailing-slash',
        severity: 'medium',
        message: `${label}: the issuer ends with '/'. Entra ID compares issuers exactly, without normalising a trailing slash, and GitHub, GitLab and Terraform Cloud tokens carry their issuer without one (e.g. 'https://gitlab.com').`,
        source: credential.fieldSource.issuer,
        reference: REFERENCES.graphOverview,
      });
    }
  }

  if (audiences === undefined || audiences === null) {
    findings.push({
      id: 'azure.audience-defaulted',
      severity: 'info',
      message: `${label}: no audiences given; evaluated with the default ${DEFAULT_AUDIENCE} that the portal and Azure CLI fill in (the service requires exactly one).`,
      source: credential.source,
      reference: REFERENCES.considerations,
    });
  } else if (audience !== null && audience !== DEFAULT_AUDIENCE) {
    findings.push({
      id: 'azure.audience-not-default',
      severity: 'info',
      message: `${label}: the audience is '${audience}', not the recommended ${DEFAULT_AUDIENCE}; the CI job must request exactly this audience for its token.`,
      source: credential.audienceSource,
      reference: REFERENCES.considerations,
    });
  }

  if (credential.raw.name === undefined || credential.raw.name === null) {
    findings.push({
      id: 'azure.name-missing',
      severity: 'info',
      message: `${label}: no name; every saved credential has one (3–120 characters, its unique key), so this is evaluated as a draft.`,
      source: credential.source,
      reference: REFERENCES.considerations,
    });
  }
  return findings;
}

export function lintAzure(policy: AzurePolicy): Finding[] {
  return policy.credentials.flatMap(lintCredential);
}
