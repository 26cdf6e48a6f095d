/** Scenario files asserting exposure: `expect: { grade }` and `refuses: [ { axis } ]`. */
import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/support/memory-io';

const POLICY = (sub: string) => `{ "Version": "2012-10-17", "Statement": [ { "Effect": "Allow",
      "Principal": { "Federated": "arn:aws:iam::111122223333:oidc-provider/gitlab.com" },
      "Action": "sts:AssumeRoleWithWebIdentity",
      "Condition": { "StringEquals": { "gitlab.com:aud": "https://gitlab.com" }, "StringLike": { "gitlab.com:sub": "${sub}" } } } ] }`;

function scenarioFile(sub: string, extra: string): string {
  return `provider: aws
policy: |
  ${POLICY(sub).split('\n').join('\n  ')}
scenarios:
${extra}`;
}

describe('exposure assertions in trustlens test', () => {
  it('passes when no token on a refused axis gets in and the grade matches', async () => {
    const file = scenarioFile('project_path:mygroup/myproject:ref_type:branch:ref:main', `  - name: only myproject gets in
    at: 2023-11-14T22:13:20Z
    expect: { grade: narrow }
    refuses: [ { axis: other-project }, { axis: subgroup }, { axis: tag-as-branch } ]
`);
    const run = await runCli(['test', 'roles.yaml'], { 'roles.yaml': file });
    expect(run.stdout).toContain('PASS roles.yaml › only myproject gets in (exposure) (grade narrow');
    expect(run.stdout).toContain('1 passed, 0 failed');
    expect(run.code).toBe(0);
  });

  it('fails naming the witness when a refused axis gets in', async () => {
    const file = scenarioFile('project_path:mygroup/*', `  - name: no other project gets in
    at: 2023-11-14T22:13:20Z
    refuses: [ { axis: other-project } ]
`);
    const run = await runCli(['test', 'roles.yaml'], { 'roles.yaml': file });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/FAIL roles\.yaml › no other project gets in \(exposure\): expected no witness on other-project, got grade broad: other-project gets in: another project in mygroup/);
  });

  it('a scenario may assert a decision and exposure together, from its claims', async () => {
    const file = scenarioFile('project_path:mygroup/myproject:ref_type:branch:ref:main', `  - name: main deploys, nothing else
    claims: { iss: "https://gitlab.com", aud: "https://gitlab.com", sub: "project_path:mygroup/myproject:ref_type:branch:ref:main", project_path: mygroup/myproject, namespace_path: mygroup, ref: main, ref_type: branch, ref_protected: "true", iat: 1700000000, exp: 1700000300 }
    at: 2023-11-14T22:13:20Z
    expect: { decision: allow, grade: broad }
`);
    const run = await runCli(['test', 'roles.yaml'], { 'roles.yaml': file });
    expect(run.stdout).toContain('FAIL roles.yaml › main deploys, nothing else (exposure): expected grade broad, got grade narrow');
    expect(run.stdout).toContain('PASS roles.yaml › main deploys, nothing else (allow');
    expect(run.stdout).toContain('1 passed, 1 failed');
  });

  it('rejects an unknown grade and a malformed refuses list', async () => {
    const badGrade = await runCli(['test', 'a.yaml'], { 'a.yaml': scenarioFile('x', `  - name: n\n    expect: { grade: tight }\n`) });
    expect(badGrade.code).toBe(2);
    expect(badGrade.stderr).toContain('expect.grade must be pinned, narrow, broad or open');
    const badRefuses = await runCli(['test', 'a.yaml'], { 'a.yaml': scenarioFile('x', `  - name: n\n    refuses: other-project\n`) });
    expect(badRefuses.code).toBe(2);
    expect(badRefuses.stderr).toContain('"refuses" must be a list of { axis: NAME }');
  });
});

describe('many exposure scenarios', () => {
  it('run in worker threads past the first few, their lines in file order as when run in the main thread', async () => {
    const entries = Array.from({ length: 40 }, (_, i) =>
      i % 3 === 0
        ? `  - name: s${i}\n    at: 2023-11-14T22:13:20Z\n    expect: { grade: ${i % 2 === 0 ? 'narrow' : 'open'} }\n    refuses: [ { axis: other-project } ]\n`
        : `  - name: s${i}\n    at: 2023-11-14T22:13:20Z\n    claims: { iss: "https://gitlab.com", sub: "project_path:mygroup/myproject:ref_type:branch:ref:main", aud: "https://gitlab.com", iat: 1700000000, exp: 1700000300 }\n    expect: { decision: allow, grade: narrow }\n`,
    );
    const file = scenarioFile('project_path:mygroup/myproject:ref_type:branch:ref:main', entries.join(''));
    const run = await runCli(['test', 'roles.yaml'], { 'roles.yaml': file });
    const names = run.stdout.trim().split('\n').slice(0, -1).map((line) => /› (s\d+)/.exec(line)?.[1]);
    const expected = entries.flatMap((_, i) => (i % 3 === 0 ? [`s${i}`] : [`s${i}`, `s${i}`]));
    expect(names).toEqual(expected);
    expect(run.stdout).toContain('FAIL roles.yaml › s3 (exposure): expected grade open, no witness on other-project, got grade narrow');
    expect(run.stdout.trim().split('\n').at(-1)).toBe('59 passed, 7 failed');
  }, 60_000);
});
