// Sources: docs/semantics azure.md §1.1–1.5, i.e. MicrosoftDocs/entra-docs
// docs/workload-id/includes/federated-credential-configuration-considerations.md (exact match, limits),
// microsoft-graph-docs-contrib federatedidentitycredentials-overview.md (case-sensitive since Aug 2024),
// and the AADSTS texts observed in service responses (Azure/login #497/#515/#617, PR #619;
// MicrosoftDocs/azure-docs #86915/#86916; Azure/azure-sdk-for-rust #1739).
import { describe, expect, it } from 'vitest';
import { AT, check, credential, EXCHANGE, githubToken, run } from '../../../../test/support/azure';

const PRODUCTION = 'repo:octo-org/octo-repo:environment:Production';

describe('classic credentials: exact, case-sensitive issuer, audience and subject', () => {
  it('grants a token whose iss, aud and sub equal the credential', () => {
    const result = run(credential(), githubToken(PRODUCTION));
    expect(result.decision).toBe('allow');
    expect(result.message).toContain("'test-credential' (credential[0])");
    expect(check(result, 'credential[0].subject')).toMatchObject({ result: 'pass', decisive: true });
    expect(result.details.matchedCredential).toEqual({ index: 0, name: 'test-credential' });
  });

  it('checks issuer first: AADSTS700211 with the token issuer quoted, later fields not consulted', () => {
    // Observed text: "AADSTS700211: No matching federated identity record found for presented assertion issuer '…'. Please check …"
    const result = run(credential({ issuer: 'https://gitlab.com/' }), { ...githubToken(PRODUCTION), iss: 'https://gitlab.com' });
    expect(result.decision).toBe('deny');
    expect(result.message).toBe(
      "AADSTS700211: No matching federated identity record found for presented assertion issuer 'https://gitlab.com'. Please check your federated identity credential Subject, Audience and Issuer against the presented assertion.",
    );
    const issuer = check(result, 'credential[0].issuer');
    expect(issuer).toMatchObject({ result: 'fail', decisive: true, expected: 'https://gitlab.com/', actual: 'https://gitlab.com' });
    expect(issuer.reason).toContain('Only a trailing slash differs');
    expect(issuer.source).toBeDefined();
    expect(check(result, 'credential[0].audience').result).toBe('skip');
    expect(check(result, 'credential[0].subject').reason).toMatch(/^Not consulted: the issuer differs\. It would match\./);
  });

  it('then audience: AADSTS700212 for GitHub\'s default audience', () => {
    // GitLab's Azure guide quotes AADSTS700212 for a wrong audience; case A4.
    const result = run(credential(), githubToken(PRODUCTION, { aud: 'https://github.com/octo-org' }));
    expect(result.message).toBe(
      "AADSTS700212: No matching federated identity record found for presented assertion audience 'https://github.com/octo-org'. Please check your federated identity credential Subject, Audience and Issuer against the presented assertion.",
    );
    expect(check(result, 'credential[0].audience')).toMatchObject({ result: 'fail', decisive: true });
  });

  it('accepts an aud list that contains the audience (inferred: standard JWT audience handling)', () => {
    expect(run(credential(), githubToken(PRODUCTION, { aud: ['https://other', EXCHANGE] })).decision).toBe('allow');
    expect(run(credential(), githubToken(PRODUCTION, { aud: ['https://other'] })).message).toContain("audience 'https://other'");
  });

  it('then subject: AADSTS700213 with a character-level divergence', () => {
    const result = run(credential({ subject: 'repo:octo-org/octo-repo:ref:refs/heads/main' }), githubToken('repo:octo-org/octo-repo:ref:refs/tags/v1'));
    expect(result.message).toBe(
      "AADSTS700213: No matching federated identity record found for presented assertion subject 'repo:octo-org/octo-repo:ref:refs/tags/v1'. Check your federated identity credential Subject, Audience and Issuer against the presented assertion.",
    );
    const subject = check(result, 'credential[0].subject');
    expect(subject.decisive).toBe(true);
    expect(subject.reason).toBe('Differs at character 34: credential wants `heads/main`, token has `tags/v1`.');
  });

  it('reports AADSTS7002138 when the subject matches only ignoring case, and says so in the check', () => {
    // Azure/login #497/#515 quote this text; case A2.
    const result = run(credential(), githubToken('repo:octo-org/octo-repo:environment:production'));
    expect(result.message).toBe(
      "AADSTS7002138: No matching federated identity record found for presented assertion subject 'repo:octo-org/octo-repo:environment:production'. The subject matches with case-insensitive comparison, but not with case-sensitive comparison. Check your federated identity credential Subject, Audience and Issuer against the presented assertion.",
    );
    expect(check(result, 'credential[0].subject').reason).toContain('differ only in letter case');
  });

  it('compares issuers case-sensitively and calls out a case-only difference', () => {
    const result = run(credential({ issuer: 'https://Token.actions.githubusercontent.com' }), githubToken(PRODUCTION));
    expect(result.message).toMatch(/^AADSTS700211/);
    expect(check(result, 'credential[0].issuer').reason).toContain('differ only in letter case');
  });

  it('treats * in a classic subject literally ("Wildcard characters aren\'t supported")', () => {
    // tig/winprint PR #125: a credential with subject `repo:…:ref:refs/tags/*` was saved and then failed with AADSTS700213.
    const result = run(credential({ subject: 'repo:octo-org/octo-repo:ref:refs/tags/*' }), githubToken('repo:octo-org/octo-repo:ref:refs/tags/v1'));
    expect(result.decision).toBe('deny');
    expect(result.message).toMatch(/^AADSTS700213/);
    expect(result.findings.map((f) => f.id)).toContain('azure.wildcard-is-literal');
  });

  it('reports a missing sub as AADSTS700213 with an empty subject', () => {
    const claims = githubToken(PRODUCTION);
    delete claims.sub;
    const result = run(credential(), claims);
    expect(result.message).toContain("subject ''");
    expect(check(result, 'credential[0].subject').reason).toBe('The token has no `sub` claim; the credential wants `repo:octo-org/octo-repo:environment:Production`.');
  });
});

describe('token times', () => {
  it('refuses an expired token with AADSTS700024 and the .NET instants', () => {
    // Case A16c; format as in MSAL issue reports: "Current time: 2024-10-02T22:05:03.6755165Z, assertion valid from …".
    const result = run(credential(), githubToken(PRODUCTION), 1700003900);
    expect(result.message).toBe(
      'AADSTS700024: Client assertion is not within its valid time range. Current time: 2023-11-14T23:18:20.0000000Z, assertion valid from 2023-11-14T22:13:15.0000000Z, expiry time of assertion 2023-11-14T22:18:20.0000000Z.',
    );
    expect(check(result, 'token.validity')).toMatchObject({ result: 'fail', decisive: true });
    // Credential checks still explain what would happen once the time is right.
    expect(check(result, 'credential[0].subject').result).toBe('pass');
  });

  it('treats exp as exclusive and applies no skew', () => {
    expect(run(credential(), githubToken(PRODUCTION), 1700000299).decision).toBe('allow');
    expect(run(credential(), githubToken(PRODUCTION), 1700000300).message).toMatch(/^AADSTS700024/);
    expect(run(credential(), githubToken(PRODUCTION), 1699999994).message).toMatch(/^AADSTS700024/);
  });

  it('prints a missing nbf as the epoch', () => {
    const claims = githubToken(PRODUCTION);
    delete claims.nbf;
    expect(run(credential(), claims).decision).toBe('allow');
    expect(run(credential(), claims, 1700000400).message).toContain('assertion valid from 1970-01-01T00:00:00.0000000Z');
  });

  it('requires iat: without it the lifetime check fails with AADSTS70023 "Token issued at 0"', () => {
    // MicrosoftDocs/azure-docs #86915; case A16b.
    const claims = githubToken(PRODUCTION);
    delete claims.iat;
    const result = run(credential(), claims);
    expect(result.message).toBe(
      'AADSTS70023: External OIDC Provider token must have a lifetime of less than or equal to 1.01:00:00. Token issued at 0. Token expires on 1700000300.',
    );
    expect(check(result, 'token.lifetime')).toMatchObject({ result: 'fail', decisive: true });
  });

  it('allows exactly 25 h of lifetime and refuses one second more', () => {
    // #86916: a 26 h token (1643126692 → 1643220292) was refused.
    const ok = githubToken(PRODUCTION, { iat: 1700000000, exp: 1700000000 + 90000 });
    expect(run(credential(), ok).decision).toBe('allow');
    const long = githubToken(PRODUCTION, { iat: 1700000000, exp: 1700000000 + 90001 });
    expect(run(credential(), long).message).toMatch(/^AADSTS70023: .*Token issued at 1700000000\. Token expires on 1700090001\.$/);
  });

  it('refuses Entra-issued tokens with AADSTS700222', () => {
    const issuer = 'https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0';
    const result = run(credential({ issuer }), { ...githubToken(PRODUCTION), iss: issuer });
    expect(result.message).toBe('AADSTS700222: AAD-issued tokens may not be used for federated identity flows');
    expect(result.findings.map((f) => f.id)).toContain('azure.entra-issuer');
  });
});

describe('flexible credentials', () => {
  const flexible = (value: string, fields: Record<string, unknown> = {}) =>
    credential({ subject: null, claimsMatchingExpression: { value, languageVersion: 1 }, ...fields });

  it('grants when every comparison holds; one check per comparison with its own source range', () => {
    const result = run(
      flexible("claims['sub'] matches 'repo:octo-org/octo-repo:ref:refs/heads/*' and claims['job_workflow_ref'] eq 'octo-org/octo-repo/.github/workflows/deploy.yml@refs/heads/main'"),
      githubToken('repo:octo-org/octo-repo:ref:refs/heads/main', { job_workflow_ref: 'octo-org/octo-repo/.github/workflows/deploy.yml@refs/heads/main' }),
    );
    expect(result.decision).toBe('allow');
    expect(check(result, 'credential[0].expression')).toMatchObject({ result: 'pass', decisive: true });
    const first = check(result, 'credential[0].expression[0]');
    const second = check(result, 'credential[0].expression[1]');
    expect(first.label).toBe("claims['sub'] matches");
    expect(second.label).toBe("claims['job_workflow_ref'] eq");
    expect(second.source!.column).toBeGreaterThan(first.source!.endColumn - 1);
  });

  it('reports AADSTS7002131 when no expression matched', () => {
    // Text from a merge-queue write-up quoting AADSTS7002131 (azure.md R69); case A7.
    const result = run(flexible("claims['sub'] matches 'repo:octo-org/octo-repo:ref:refs/heads/*'"), githubToken('repo:octo-org/octo-repo:pull_request'));
    expect(result.message).toBe(
      "AADSTS7002131: No matching federated identity record found for presented assertion subject 'repo:octo-org/octo-repo:pull_request' or no federated identity credential expression matched. Please check your federated identity credential Subject, Expression, Audience and Issuer against the presented assertion.",
    );
    const expression = check(result, 'credential[0].expression');
    expect(expression.decisive).toBe(true);
    expect(expression.reason).toContain('the pattern starts with `repo:octo-org/octo-repo:ref:refs/heads/`');
  });

  it('a missing claim fails its comparison', () => {
    const result = run(flexible("claims['job_workflow_ref'] matches 'octo-org/*'"), githubToken('repo:octo-org/octo-repo:ref:refs/heads/main'));
    expect(result.message).toMatch(/^AADSTS7002131/);
    expect(check(result, 'credential[0].expression[0]').reason).toMatch(/no `job_workflow_ref` claim/);
  });

  it('eq and matches are case-sensitive', () => {
    const result = run(flexible("claims['sub'] eq 'repo:octo-org/octo-repo:ref:refs/heads/main'"), githubToken('repo:Octo-org/octo-repo:ref:refs/heads/main'));
    expect(result.decision).toBe('deny');
  });
});

describe('credential lists: access when any one matches', () => {
  const list = [
    credential({ name: 'main-branch', subject: 'repo:octo-org/octo-repo:ref:refs/heads/main' }),
    credential({ name: 'production', subject: PRODUCTION }),
    credential({ name: 'gitlab', issuer: 'https://gitlab.com', subject: 'project_path:g/p:ref_type:branch:ref:main' }),
  ];

  it('grants through the matching credential and shows every credential\'s checks', () => {
    const result = run(list, githubToken(PRODUCTION));
    expect(result.decision).toBe('allow');
    expect(result.details.matchedCredential).toEqual({ index: 1, name: 'production' });
    expect(result.checks.filter((c) => c.id.startsWith('credential[')).map((c) => `${c.id}:${c.result}`)).toEqual([
      'credential[0].issuer:pass',
      'credential[0].audience:pass',
      'credential[0].subject:fail',
      'credential[1].issuer:pass',
      'credential[1].audience:pass',
      'credential[1].subject:pass',
      'credential[2].issuer:fail',
      'credential[2].audience:skip',
      'credential[2].subject:skip',
    ]);
    expect((result.details.credentials as Array<{ outcome: string }>).map((c) => c.outcome)).toEqual(['subject', 'match', 'issuer']);
    expect(check(result, 'credential[1].subject').label).toBe("credential[1] 'production': Subject (sub)");
  });

  it('marks the closest subject as decisive when none matches', () => {
    const result = run(list, githubToken('repo:octo-org/octo-repo:environment:Staging'));
    expect(result.message).toMatch(/^AADSTS700213/);
    expect(result.checks.filter((c) => c.decisive).map((c) => c.id)).toEqual(['credential[1].subject']);
  });

  it('prefers AADSTS7002138 when some subject matches ignoring case, and 7002131 when a flexible credential is among the candidates', () => {
    expect(run(list, githubToken('repo:octo-org/octo-repo:environment:PRODUCTION')).message).toMatch(/^AADSTS7002138/);
    const withFlexible = [...list, credential({ name: 'flex', subject: null, claimsMatchingExpression: { value: "claims['sub'] matches 'repo:octo-org/octo-repo:ref:refs/tags/*'", languageVersion: 1 } })];
    expect(run(withFlexible, githubToken('repo:octo-org/octo-repo:pull_request')).message).toMatch(/^AADSTS7002131/);
  });

  it('an empty list refuses every token at the issuer lookup', () => {
    const result = run([], githubToken(PRODUCTION));
    expect(result.message).toMatch(/^AADSTS700211/);
    expect(check(result, 'credentials')).toMatchObject({ result: 'fail', decisive: true });
  });

  it('evaluates a Graph list response the same way', () => {
    expect(run({ value: list }, githubToken(PRODUCTION)).decision).toBe('allow');
  });
});

describe('never throws', () => {
  it('turns odd claim types into denials, not exceptions', () => {
    for (const claims of [{}, { iss: 5, aud: null, sub: {}, iat: 'x', exp: [] }, githubToken(PRODUCTION, { aud: [1, 2] })]) {
      const result = run(credential(), claims as Record<string, unknown>, AT);
      expect(['deny', 'allow']).toContain(result.decision);
    }
  });
});
