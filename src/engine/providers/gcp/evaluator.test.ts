import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../evaluate';
import type { EvaluationResult } from '../../result';
import { claimsToken, parseClaims, type Token } from '../../token';
import { SIGNATURE_NOT_CHECKED } from '../../verify';
import { provider } from './index';
import { parseGcpPolicy } from './parse';

const NAME = 'projects/123456789/locations/global/workloadIdentityPools/gh/providers/gh';
const AT = 1700000010;

const githubClaims = (extra: Record<string, unknown> = {}) => ({
  iss: 'https://token.actions.githubusercontent.com',
  aud: `https://iam.googleapis.com/${NAME}`,
  sub: 'repo:octo-org/octo-repo:ref:refs/heads/main',
  repository: 'octo-org/octo-repo',
  repository_owner: 'octo-org',
  repository_owner_id: '65',
  repository_id: '74',
  ref: 'refs/heads/main',
  iat: 1700000000,
  exp: 1700000300,
  ...extra,
});

function policyText(provider: Record<string, unknown>, iamPolicy?: unknown) {
  const body = {
    name: NAME,
    state: 'ACTIVE',
    attributeMapping: { 'google.subject': 'assertion.sub', 'attribute.repository': 'assertion.repository' },
    attributeCondition: "assertion.repository_owner == 'octo-org'",
    oidc: { issuerUri: 'https://token.actions.githubusercontent.com' },
    ...provider,
  };
  return JSON.stringify(iamPolicy === undefined ? body : { provider: body, iamPolicy }, null, 2);
}

function run(text: string, claims: Record<string, unknown>, at = AT, token?: Token): EvaluationResult {
  return evaluate({ policyText: text, token: { ok: true, token: token ?? claimsToken(claims) }, at });
}

const check = (result: EvaluationResult, id: string) => result.checks.find((c) => c.id === id);
const decisive = (result: EvaluationResult) => result.checks.find((c) => c.decisive)?.id;

describe('configuration Google refuses to save', () => {
  // Terraform docs (attribute_mapping): OIDC providers must map google.subject.
  it('is an error without a google.subject mapping', () => {
    const result = run(policyText({ attributeMapping: { 'attribute.repository': 'assertion.repository' } }), githubClaims());
    expect(result.decision).toBe('error');
    expect(result.message).toContain('must include a mapping to the google.subject attribute');
    expect(decisive(result)).toBe('mapping.google.subject');
  });

  // gcloud text seen in kushin77/self-hosted-runner#1900; REST reference: [a-z0-9_], ≤100 chars.
  it('is an error for mapping keys outside google.* and attribute.[a-z0-9_]', () => {
    const wrongKey = run(policyText({ attributeMapping: { 'google.subject': 'assertion.sub', 'assertion.aud': 'assertion.aud' } }), githubClaims());
    expect(wrongKey.decision).toBe('error');
    expect(wrongKey.message).toBe("Invalid mapped attribute key: assertion.aud. Custom mapped attributes must be in format 'attribute.{custom_attribute}'");
    const upper = run(policyText({ attributeMapping: { 'google.subject': 'assertion.sub', 'attribute.Repo': 'assertion.repository' } }), githubClaims());
    expect(upper.decision).toBe('error');
    expect(upper.message).toContain('[a-z0-9_]');
    const long = run(policyText({ attributeMapping: { 'google.subject': 'assertion.sub', [`attribute.${'a'.repeat(101)}`]: 'assertion.sub' } }), githubClaims());
    expect(long.decision).toBe('error');
  });

  // REST reference: ≤50 custom attributes, mapping ≤2048 chars, condition ≤4096 chars.
  it('enforces the count and length limits', () => {
    const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`attribute.a${i}`, 'assertion.sub']));
    expect(run(policyText({ attributeMapping: { 'google.subject': 'assertion.sub', ...many } }), githubClaims()).decision).toBe('error');
    const fifty = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`attribute.a${i}`, 'assertion.sub']));
    expect(run(policyText({ attributeMapping: { 'google.subject': 'assertion.sub', ...fifty } }), githubClaims()).decision).toBe('allow');
    const longExpression = `assertion.sub + '${'x'.repeat(2040)}'`;
    expect(run(policyText({ attributeMapping: { 'google.subject': 'assertion.sub', 'attribute.a': longExpression } }), githubClaims()).decision).toBe('error');
    const longCondition = `assertion.sub != '${'x'.repeat(4090)}'`;
    expect(run(policyText({ attributeCondition: longCondition }), githubClaims()).decision).toBe('error');
  });

  // REST reference: conditions may reference assertion, google and attribute; mappings only assertion.
  it('refuses undeclared variables', () => {
    const result = run(policyText({ attributeCondition: "request.time < timestamp('2030-01-01T00:00:00Z')" }), githubClaims());
    expect(result.decision).toBe('error');
    expect(result.message).toContain("undeclared reference to 'request'");
    expect(run(policyText({ attributeMapping: { 'google.subject': 'google.subject' } }), githubClaims()).decision).toBe('error');
  });
});

describe('token checks', () => {
  // REST reference Oidc.allowedAudiences: empty → the provider's resource name with or without https:.
  it('accepts both forms of the default audience and nothing else', () => {
    expect(run(policyText({}), githubClaims({ aud: `//iam.googleapis.com/${NAME}` })).decision).toBe('allow');
    expect(run(policyText({}), githubClaims({ aud: `https://iam.googleapis.com/${NAME}` })).decision).toBe('allow');
    const wrong = run(policyText({}), githubClaims({ aud: 'https://github.com/octo-org' }));
    expect(wrong.decision).toBe('deny');
    expect(wrong.message).toBe('The audience in ID Token [https://github.com/octo-org] does not match the expected audience.');
    expect(decisive(wrong)).toBe('token.audience');
  });

  it('compares allowedAudiences exactly and no longer accepts the default audience', () => {
    const text = policyText({ oidc: { issuerUri: 'https://token.actions.githubusercontent.com', allowedAudiences: ['https://gitlab.com'] } });
    expect(run(text, githubClaims({ aud: 'https://gitlab.com' })).decision).toBe('allow');
    const slash = run(text, githubClaims({ aud: 'https://gitlab.com/' }));
    expect(slash.decision).toBe('deny');
    expect(check(slash, 'token.audience')?.reason).toContain('trailing slash');
    const byDefault = run(text, githubClaims());
    expect(byDefault.decision).toBe('deny');
    expect(check(byDefault, 'token.audience')?.reason).toContain('only while oidc.allowedAudiences is empty');
  });

  // google-github-actions/auth TROUBLESHOOTING.md (issuer text); GitLab's guide (issuer with trailing slash).
  it('matches the issuer, tolerating one trailing slash with a note', () => {
    const wrong = run(policyText({}), githubClaims({ iss: 'https://token.actions.githubusercontent.com/octocat-inc' }));
    expect(wrong.message).toBe('The issuer in ID Token https://token.actions.githubusercontent.com/octocat-inc does not match the expected ones: https://token.actions.githubusercontent.com/');
    expect(decisive(wrong)).toBe('token.issuer');
    const slash = run(policyText({ oidc: { issuerUri: 'https://token.actions.githubusercontent.com/' } }), githubClaims());
    expect(slash.decision).toBe('allow');
    expect(slash.findings.map((f) => f.id)).toContain('token.issuer.trailing-slash');
  });

  // Google's token requirements: exp in the future, iat in the past, exp − iat ≤ 24 h (workload-identity-federation-with-other-providers).
  it('checks exp, iat and the 24 h lifetime', () => {
    const expired = run(policyText({}), githubClaims(), 1700000300);
    expect(expired.decision).toBe('deny');
    expect(expired.message).toBe('ID Token issued at 1700000000 is stale to sign-in.');
    const future = run(policyText({}), githubClaims(), 1699999999);
    expect(decisive(future)).toBe('token.iat');
    const long = run(policyText({}), githubClaims({ exp: 1700000000 + 86401 }));
    expect(decisive(long)).toBe('token.lifetime');
    expect(run(policyText({}), githubClaims({ exp: 1700000000 + 86400 })).decision).toBe('allow');
    expect(decisive(run(policyText({}), githubClaims({ exp: undefined })))).toBe('token.exp');
  });

  it('accepts RS256 and ES256 only', () => {
    const token = (alg: string): Token => ({ kind: 'jws', header: { alg, typ: 'JWT' }, claims: githubClaims(), compact: null, warnings: [] });
    expect(run(policyText({}), {}, AT, token('RS256')).decision).toBe('allow');
    expect(run(policyText({}), {}, AT, token('ES256')).decision).toBe('allow');
    const hs = run(policyText({}), {}, AT, token('HS256'));
    expect(decisive(hs)).toBe('token.alg');
  });

  // google-github-actions/auth#202: disabled or deleted provider.
  it('refuses tokens for a disabled provider with invalid_target', () => {
    const result = run(policyText({ disabled: true }), githubClaims());
    expect(result.message).toContain('The target service indicated by the "audience" parameters is invalid.');
    expect(result.details.stsError).toMatchObject({ error: 'invalid_target' });
  });
});

describe('attribute mapping', () => {
  // google-github-actions/auth#378: non-string google.subject.
  it('requires string values', () => {
    const result = run(policyText({ attributeMapping: { 'google.subject': 'assertion.iat' } }), githubClaims());
    expect(result.decision).toBe('deny');
    expect(result.message).toContain("The mapped attribute 'google.subject' must be of type STRING.");
    const custom = run(policyText({ attributeMapping: { 'google.subject': 'assertion.sub', 'attribute.n': 'assertion.iat' } }), githubClaims());
    expect(custom.message).toContain("The mapped attribute 'attribute.n' must be of type STRING.");
  });

  // wif-go emulator: google.groups must be a list of strings.
  it('requires google.groups to be a list of strings', () => {
    expect(run(policyText({ attributeMapping: { 'google.subject': 'assertion.sub', 'google.groups': 'assertion.repository' } }), githubClaims()).message).toContain('LIST<STRING>');
    expect(run(policyText({ attributeMapping: { 'google.subject': 'assertion.sub', 'google.groups': '[1, 2]' } }), githubClaims()).message).toContain('must be of type STRING');
  });

  // REST reference: google.subject ≤127 bytes (UTF-8), total ≤8 KB.
  it('counts google.subject in UTF-8 bytes and the total size', () => {
    const at127 = `repo:${'é'.repeat(61)}`; // 5 + 122 = 127 bytes
    expect(run(policyText({}), githubClaims({ sub: at127 })).decision).toBe('allow');
    const over = run(policyText({}), githubClaims({ sub: `${at127}x` }));
    expect(over.message).toBe('The size of mapped attribute google.subject exceeds the 127 bytes limit.');
    const big = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`attribute.a${i}`, "assertion.sub + assertion.blob"]));
    const sized = run(policyText({ attributeMapping: { 'google.subject': 'assertion.sub', ...big } }), githubClaims({ blob: 'x'.repeat(1700) }));
    expect(decisive(sized)).toBe('mapping.size');
  });

  it('flags an empty google.subject (extract() without a match)', () => {
    const result = run(policyText({ attributeMapping: { 'google.subject': "assertion.sub.extract('project_id:{id}:')" } }), githubClaims());
    expect(result.decision).toBe('deny');
    expect(decisive(result)).toBe('mapping.google.subject');
  });

  // Undocumented by Google: shown as a warning with the has() fix; the emulator fails the exchange.
  it('warns about a mapping on a missing claim and offers the has() guard', () => {
    const result = run(policyText({ attributeMapping: { 'google.subject': 'assertion.sub', 'attribute.environment': 'assertion.environment' } }), githubClaims());
    expect(result.decision).toBe('deny');
    expect(check(result, 'mapping.attribute.environment')?.result).toBe('error');
    const warning = result.findings.find((f) => f.id === 'mapping.missing-claim');
    expect(warning?.message).toContain("has(assertion.environment) ? assertion.environment : ''");
    expect(result.details.attributes).toMatchObject({ 'attribute.environment': { status: 'missing-claim' } });
    const guarded = run(policyText({ attributeMapping: { 'google.subject': 'assertion.sub', 'attribute.environment': "has(assertion.environment) ? assertion.environment : ''" } }), githubClaims());
    expect(guarded.decision).toBe('allow');
  });
});

describe('attribute condition', () => {
  // circleci/circleci-docs#8541: the STS text.
  it('rejects false, errors and non-booleans with the STS text', () => {
    for (const condition of ["assertion.repository_owner == 'other'", "assertion.environment == 'prod'", "'yes'"]) {
      const result = run(policyText({ attributeCondition: condition }), githubClaims());
      expect(result.decision, condition).toBe('deny');
      expect(result.message).toBe('The given credential is rejected by the attribute condition.');
      expect(result.details.stsError).toEqual({ error: 'unauthorized_client', error_description: 'The given credential is rejected by the attribute condition.' });
    }
  });

  it('shows each clause with its value, source span and operand values', () => {
    const condition = "assertion.repository_owner_id == '65' && (assertion.ref == 'refs/heads/prod' || assertion.ref.startsWith('refs/tags/'))";
    const text = policyText({ attributeCondition: condition });
    const result = run(text, githubClaims());
    expect(result.decision).toBe('deny');
    expect(check(result, 'condition.clause[0]')?.result).toBe('pass');
    expect(check(result, 'condition.clause[1]')?.result).toBe('fail');
    expect(check(result, 'condition.clause[1].clause[0]')?.reason).toContain('assertion.ref = "refs/heads/main"');
    const source = check(result, 'condition.clause[1].clause[1]')!.source!;
    const line = text.split('\n')[source.line - 1];
    expect(line.slice(source.column - 1, source.endColumn - 1)).toBe("assertion.ref.startsWith('refs/tags/')");
    expect(result.details.condition).toMatchObject({ id: 'condition', kind: 'and', outcome: 'false' });
  });

  it('evaluates google.* and attribute.* from the mapping', () => {
    expect(run(policyText({ attributeCondition: "attribute.repository == 'octo-org/octo-repo' && google.subject.startsWith('repo:')" }), githubClaims()).decision).toBe('allow');
    expect(run(policyText({ attributeCondition: "attribute.ref == 'refs/heads/main'" }), githubClaims()).decision).toBe('deny');
  });
});

describe('principals and IAM bindings', () => {
  const pool = 'iam.googleapis.com/projects/123456789/locations/global/workloadIdentityPools/gh';
  const iam = (...members: string[]) => ({ bindings: [{ role: 'roles/iam.workloadIdentityUser', members }] });

  // https://docs.cloud.google.com/iam/docs/workload-identity-federation#impersonation: principal identifiers.
  it('computes every principal the token maps to', () => {
    const result = run(policyText({ attributeMapping: { 'google.subject': 'assertion.sub', 'google.groups': "['admins']", 'attribute.repository': 'assertion.repository' } }), githubClaims());
    expect(result.details.principals).toEqual([
      `principal://${pool}/subject/repo:octo-org/octo-repo:ref:refs/heads/main`,
      `principalSet://${pool}/group/admins`,
      `principalSet://${pool}/attribute.repository/octo-org/octo-repo`,
      `principalSet://${pool}/*`,
    ]);
  });

  it('matches members exactly and reports the matched binding', () => {
    const member = `principalSet://${pool}/attribute.repository/octo-org/octo-repo`;
    const result = run(policyText({}, iam('serviceAccount:x@y.iam.gserviceaccount.com', member)), githubClaims());
    expect(result.decision).toBe('allow');
    expect(result.details.matchedBinding).toEqual({ index: 0, role: 'roles/iam.workloadIdentityUser', member });
    expect(check(result, 'iam.binding[0].member[0]')?.result).toBe('skip');
    expect(check(result, 'iam.binding[0].member[1]')?.result).toBe('pass');
    // Case matters (google-github-actions/auth TROUBLESHOOTING.md).
    expect(run(policyText({}, iam(`principalSet://${pool}/attribute.repository/Octo-Org/octo-repo`)), githubClaims()).decision).toBe('deny');
  });

  // google-github-actions/auth TROUBLESHOOTING.md: project number, not id; unmapped attributes give 403.
  it('explains project-id members, other pools and unmapped attributes', () => {
    const byId = run(policyText({}, iam('principalSet://iam.googleapis.com/projects/my-project/locations/global/workloadIdentityPools/gh/attribute.repository/octo-org/octo-repo')), githubClaims());
    expect(byId.message).toBe('403 PERMISSION_DENIED: The caller does not have permission');
    expect(check(byId, 'iam.binding[0].member[0]')?.reason).toContain('project ID');
    expect(byId.findings.map((f) => f.id)).toContain('lint.binding.project-id');
    const unmapped = run(policyText({}, iam(`principalSet://${pool}/attribute.ref/refs/heads/main`)), githubClaims());
    expect(check(unmapped, 'iam.binding[0].member[0]')?.reason).toContain('not mapped');
    expect(decisive(unmapped)).toBe('iam');
    const chained = run(policyText({}, iam(`principalSet://${pool}/attribute.repository/octo-org/octo-repo/attribute.ref/refs/heads/main`)), githubClaims());
    expect(chained.decision).toBe('deny');
  });

  it('matches the whole pool and the subject', () => {
    expect(run(policyText({}, iam(`principalSet://${pool}/*`)), githubClaims()).decision).toBe('allow');
    expect(run(policyText({}, iam(`principal://${pool}/subject/repo:octo-org/octo-repo:ref:refs/heads/main`)), githubClaims()).decision).toBe('allow');
    expect(run(policyText({}, iam(`principal://${pool}/subject/repo:octo-org/octo-repo:ref:refs/heads/dev`)), githubClaims()).decision).toBe('deny');
  });

  it('decides at STS before IAM', () => {
    const result = run(policyText({ attributeCondition: 'false' }, iam(`principalSet://${pool}/*`)), githubClaims());
    expect(result.message).toBe('The given credential is rejected by the attribute condition.');
    expect(result.details.stage).toBe('sts');
  });
});

describe('robustness', () => {
  const mappingExpression = fc.constantFrom(
    'assertion.sub',
    'assertion.missing',
    'assertion.n + 1',
    "assertion.sub.split(':')[0]",
    "assertion.sub.extract('repo:{r}:')",
    'assertion.list',
    '[assertion.sub]',
    '{}',
    "assertion.sub.matches('(?=x)')",
    '1 / 0',
    'assertion',
    "has(assertion.x) ? assertion.x : ''",
  );
  const claimValue = fc.jsonValue({ maxDepth: 2 });

  // Property: evaluation never throws, whatever the claims and mappings.
  it('never throws on random claims and mappings', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom('sub', 'n', 'list', 'x', 'iss', 'aud', 'iat', 'exp', 'missing'), claimValue),
        fc.dictionary(fc.constantFrom('google.subject', 'google.groups', 'attribute.a', 'attribute.b'), mappingExpression),
        fc.option(fc.constantFrom('true', 'assertion.x == 1', "google.subject == 'a' || attribute.a == 'b'", '!has(assertion.sub)'), { nil: undefined }),
        (claims, mapping, condition) => {
          const text = JSON.stringify({ name: NAME, attributeMapping: mapping, ...(condition ? { attributeCondition: condition } : {}), oidc: { issuerUri: 'https://issuer.example' } });
          const parsed = parseGcpPolicy(text);
          expect(parsed.ok).toBe(true);
          if (!parsed.ok) return;
          // Both ways claims arrive: a decoded token's payload, and pasted JSON (objects without a prototype).
          const pasted = parseClaims(JSON.stringify(claims));
          if (!pasted.ok) throw new Error(pasted.error.message);
          const plan = provider.plan(parsed.policy);
          for (const token of [claimsToken(claims), pasted.token]) {
            const result = plan.explain(token, { at: AT, signature: SIGNATURE_NOT_CHECKED, options: {} });
            expect(['allow', 'deny', 'error']).toContain(result.decision);
            JSON.stringify(result);
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('messages Google does not document', () => {
  // gcp.md: Google publishes no text for these STS refusals; the wording is trustlens's, so the
  // result flags it as data instead of annotating the message.
  it('flags the inferred wording without changing the decision or the message text', () => {
    const future = run(policyText({}), githubClaims({ iat: AT + 600, exp: AT + 900 }));
    expect(future.decision).toBe('deny');
    expect(future.message).toBe(`The ID Token was issued in the future (iat ${AT + 600}).`);
    expect(future.message).not.toContain('inferred');
    expect(future.details.messageInferred).toBe(true);
    const long = run(policyText({}), githubClaims({ exp: 1700000000 + 90_000 }));
    expect(long.message).toContain('exceeds 24 hours');
    expect(long.details.messageInferred).toBe(true);
  });

  it('leaves documented messages unflagged', () => {
    const otherOwner = run(policyText({}), githubClaims({ repository_owner: 'someone-else' }));
    expect(otherOwner.decision).toBe('deny');
    expect(otherOwner.details.messageInferred).toBeUndefined();
  });
});
