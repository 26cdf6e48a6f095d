/** `trustlens exposure` and `trustlens diff` through main(), as the contract (EXPOSURE.md) words them. */
import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/support/memory-io';

const AT = '2023-11-14T22:13:30Z';

function awsPolicy(operator: string, sub: string): string {
  return JSON.stringify(
    {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/gitlab.com' },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: { StringEquals: { 'gitlab.com:aud': 'https://gitlab.com' }, [operator]: { 'gitlab.com:sub': sub } },
        },
      ],
    },
    null,
    2,
  );
}

const PINNED = awsPolicy('StringEquals', 'project_path:mygroup/myproject:ref_type:branch:ref:main');
const PINNED_LIKE = awsPolicy('StringLike', 'project_path:mygroup/myproject:ref_type:branch:ref:main');
const GROUP = awsPolicy('StringLike', 'project_path:mygroup/*');

describe('trustlens exposure', () => {
  it('prints the contract JSON: provider, grade, summary, opaque, witnesses with claims, at, decision, message', async () => {
    const run = await runCli(['exposure', '--policy', 'p.json', '--at', AT, '--format', 'json'], { 'p.json': GROUP });
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(Object.keys(report)).toEqual(['provider', 'grade', 'reach', 'summary', 'opaque', 'witnesses']);
    expect(report.provider).toBe('aws');
    expect(report.grade).toBe('broad');
    expect(report.summary).toContain('project_path: any project under mygroup/, at any depth');
    const witness = report.witnesses.find((candidate: { axis: string }) => candidate.axis === 'other-project');
    expect(Object.keys(witness)).toEqual(['axis', 'label', 'claims', 'at', 'decision', 'message', 'reach', 'via']);
    expect(['anyone', 'organization', 'repository', 'protected']).toContain(witness.reach);
    expect(typeof witness.via.label).toBe('string');
    expect(witness.at).toBe(AT);
    expect(witness.decision).toBe('allow');
    expect(witness.label).toMatch(/^another project in mygroup/);
  });

  it('text output names each axis and the claims it changes', async () => {
    const run = await runCli(['exposure', '--policy', 'p.json', '--at', AT], { 'p.json': GROUP });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^aws: exposure BROAD \(reach: organization\) — \d+ other tokens get in\n/);
    expect(run.stdout).toContain('[other-project] another project in mygroup (mygroup/other-project)');
    expect(run.stdout).toContain('project_path: "mygroup/other-project"');
  });

  it('exits 0 when nothing but the intended token gets in', async () => {
    const refuseAll = JSON.stringify({ config: { oidc_discovery_url: 'https://gitlab.com', bound_issuer: 'https://gitlab.com' }, role: { role_type: 'jwt', user_claim: 'sub', bound_audiences: ['https://vault.example.com'], bound_claims: { project_id: 22 } } });
    const run = await runCli(['exposure', '--policy', 'p.json', '--provider', 'vault', '--at', AT, '--format', 'json'], { 'p.json': refuseAll });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).witnesses).toEqual([]);
  });

  it('varies a given token (--claims) and a given JWS (--token) alike', async () => {
    const claims = {
      iss: 'https://gitlab.com', aud: 'https://gitlab.com', sub: 'project_path:mygroup/myproject:ref_type:branch:ref:main',
      project_path: 'mygroup/myproject', namespace_path: 'mygroup', ref: 'main', ref_type: 'branch', ref_protected: 'true', pipeline_source: 'push', iat: 1700000000, exp: 1700000300,
    };
    const jws = `eyJhbGciOiJSUzI1NiJ9.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.c2ln`;
    const fromClaims = await runCli(['exposure', '--policy', 'p.json', '--claims', 'c.json', '--at', AT, '--format', 'json'], { 'p.json': PINNED, 'c.json': JSON.stringify(claims) });
    const fromToken = await runCli(['exposure', '--policy', 'p.json', '--token', 't.jwt', '--at', AT, '--format', 'json'], { 'p.json': PINNED, 't.jwt': jws });
    expect(fromClaims.code).toBe(1);
    expect(fromToken.stdout).toBe(fromClaims.stdout);
    const axes = JSON.parse(fromClaims.stdout).witnesses.map((witness: { axis: string }) => witness.axis);
    expect(axes).toContain('unprotected-ref');
    expect(axes).not.toContain('other-project');
  });

  it('input errors exit 2 with one line naming the file', async () => {
    const missing = await runCli(['exposure', '--at', AT], {});
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--policy is required');
    const broken = await runCli(['exposure', '--policy', 'p.json', '--provider', 'aws', '--format', 'json'], { 'p.json': '{"Version": ' });
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/^trustlens: p\.json: /);
    expect(JSON.parse(broken.stdout).error).toBeTruthy();
    const badClaims = await runCli(['exposure', '--policy', 'p.json', '--claims', 'c.json'], { 'p.json': GROUP, 'c.json': '[1]' });
    expect(badClaims.code).toBe(2);
    expect(badClaims.stderr).toContain('c.json');
    const both = await runCli(['exposure', '--policy', 'p.json', '--claims', 'c.json', '--token', 't'], { 'p.json': GROUP });
    expect(both.code).toBe(2);
    const badAt = await runCli(['exposure', '--policy', 'p.json', '--at', 'yesterday'], { 'p.json': GROUP });
    expect(badAt.code).toBe(2);
    expect(badAt.stderr).toContain('--at yesterday is neither ISO 8601 nor Unix seconds');
  });
});

describe('trustlens diff', () => {
  it('StringEquals on one project and branch → StringLike project_path:mygroup/* exits 1 and names another project of mygroup', async () => {
    const run = await runCli(['diff', '--before', 'old.json', '--after', 'new.json', '--at', AT], { 'old.json': PINNED, 'new.json': GROUP });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Now let in (refused before):');
    expect(run.stdout).toMatch(/\[other-project\] another project in mygroup \(mygroup\/[a-z-]+\): deny before, allow after/);
  });

  it('the same change from a StringLike pin, as JSON: broadened, narrowed, unchanged', async () => {
    const run = await runCli(['diff', '--before', 'old.json', '--after', 'new.json', '--at', AT, '--format', 'json'], { 'old.json': PINNED_LIKE, 'new.json': GROUP });
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(Object.keys(report)).toEqual(['provider', 'reach', 'broadened', 'narrowed', 'unchanged']);
    expect(report.narrowed).toEqual([]);
    const other = report.broadened.find((witness: { axis: string }) => witness.axis === 'other-project');
    expect(other.claims.project_path).toMatch(/^mygroup\/(?!myproject$)/);
    expect([other.before, other.after]).toEqual(['deny', 'allow']);
    expect(Object.keys(other)).toEqual(['axis', 'label', 'claims', 'at', 'before', 'after', 'reach', 'via']);
    // EXPOSURE.md: the JSON adds reach before and after: an unprotected main before, any member of mygroup after.
    expect(report.reach).toEqual({ before: 'repository', after: 'organization' });
    expect(other.reach).toBe('organization');
  });

  it('a narrowing change exits 0', async () => {
    const run = await runCli(['diff', '--before', 'old.json', '--after', 'new.json', '--at', AT, '--format', 'json'], { 'old.json': GROUP, 'new.json': PINNED });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).narrowed.length).toBeGreaterThan(0);
  });

  it('an unreadable version exits 2 naming its file', async () => {
    const run = await runCli(['diff', '--before', 'old.json', '--after', 'new.json', '--provider', 'aws'], { 'old.json': PINNED, 'new.json': '{' });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^trustlens: new\.json: /);
    const missing = await runCli(['diff', '--before', 'old.json'], { 'old.json': PINNED });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--before and --after are required');
  });
});
