/**
 * Findings that need the token as well as the credentials: GitHub subject shapes that can never
 * meet (immutable vs name-based subjects, environment vs branch subjects).
 */
import type { Finding } from '../../result';
import { GITHUB_ISSUER } from './issuers';
import { REFERENCES } from './references';
import { formatGithubSubject, isImmutable, parseGithubSubject, sameRepository } from './subjects';
import type { ValidCredential } from './validate';

function subjectPatternOf(entry: ValidCredential): { value: string; flexible: boolean } | null {
  if (entry.match.kind === 'subject') return { value: entry.match.subject, flexible: false };
  const sub = entry.match.expression.comparisons.find((c) => c.claim === 'sub');
  return sub ? { value: sub.comparand, flexible: true } : null;
}

function credentialSource(entry: ValidCredential) {
  return entry.match.kind === 'subject' ? entry.credential.fieldSource.subject : entry.credential.expressionSource;
}

/** Findings for credentials that did not match a GitHub token, explaining why they never will. */
export function tokenFindings(claims: Record<string, unknown>, unmatched: ValidCredential[]): Finding[] {
  if (claims.iss !== GITHUB_ISSUER || typeof claims.sub !== 'string') return [];
  const tokenSubject = parseGithubSubject(claims.sub);
  if (!tokenSubject) return [];
  const findings: Finding[] = [];
  const environment = typeof claims.environment === 'string' ? claims.environment : null;
  for (const entry of unmatched) {
    if (entry.issuer !== GITHUB_ISSUER) continue;
    const pattern = subjectPatternOf(entry);
    if (!pattern) continue;
    const configured = parseGithubSubject(pattern.value);
    if (!configured || !sameRepository(configured, tokenSubject)) continue;
    const label = entry.label;
    const source = credentialSource(entry);

    if (isImmutable(tokenSubject) && !isImmutable(configured)) {
      const suggestion = formatGithubSubject({ ...configured, ownerId: tokenSubject.ownerId, repoId: tokenSubject.repoId, owner: tokenSubject.owner, repo: tokenSubject.repo });
      findings.push({
        id: 'azure.github-immutable-subject',
        severity: 'high',
        message: `${label}: this repository emits immutable subjects (\`${claims.sub}\`), so the name-based ${pattern.flexible ? 'pattern' : 'subject'} \`${pattern.value}\` never matches. Add a credential with subject \`${suggestion}\` (Microsoft's migration: add the new credential, then delete the old one).`,
        source,
        reference: REFERENCES.immutableSubjects,
      });
    } else if (!isImmutable(tokenSubject) && isImmutable(configured)) {
      findings.push({
        id: 'azure.github-name-subject-token',
        severity: 'high',
        message: `${label}: the credential uses the immutable subject shape (\`${pattern.value}\`) but this repository still emits name-based subjects (\`${claims.sub}\`); opt the repository in to immutable subjects, or add a credential for the name-based subject.`,
        source,
        reference: REFERENCES.immutableSubjects,
      });
    }

    if (environment !== null && /^environment:/.test(tokenSubject.context) && /^ref:/.test(configured.context)) {
      const suggestion = formatGithubSubject({ ...configured, context: tokenSubject.context });
      findings.push({
        id: 'azure.github-environment-replaces-ref',
        severity: 'high',
        message: `${label}: the job uses the environment '${environment}', and then GitHub's subject names the environment instead of the branch (\`${claims.sub}\`), so the branch ${pattern.flexible ? 'pattern' : 'subject'} \`${pattern.value}\` never matches this job. Trust \`${suggestion}\` instead.`,
        source,
        reference: REFERENCES.githubOidc,
      });
    }
  }
  return findings;
}
