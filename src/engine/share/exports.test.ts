import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runCli as runCliInMemory } from '../../../test/support/memory-io';
import { loadScenarioFile } from '../../cli/scenarios';
import { evaluate } from '../evaluate';
import { EXAMPLES } from '../examples';
import { PROVIDER_IDS, type EvaluationResult, type ProviderId } from '../result';
import { claimsToken } from '../token';
import { CLI_CLAIMS_FILE, CLI_POLICY_FILE, cliCommandFor, IAC_RESOURCE_OPTION, IAC_VAR_PREFIX, scenarioFileFor, shellWord } from './exports';
import { RESOURCE_OPTION, VAR_OPTION_PREFIX } from '../inputs/index';

const AT = 1_700_000_000;

/** The CLI in-process with in-memory files, its clock at 0 (every call here passes --at or a scenario `at`). */
const runCli = (argv: string[], files: Record<string, string>) => runCliInMemory(argv, files, '', () => 0);

interface Situation {
  provider: ProviderId;
  policy: string;
  claims: Record<string, unknown>;
  at: number;
  options?: Record<string, string>;
}

/** The gallery, plus one crafted situation per provider, so every provider is covered. */
const SITUATIONS: Situation[] = [
  ...EXAMPLES.map((example) => ({ provider: example.provider, policy: example.policy, claims: example.claims, at: example.at, options: example.options })),
  ...PROVIDER_IDS.map((provider) => ({
    provider,
    // A configuration with odd characters (quotes, a `|`, a trailing blank line) that must survive as written.
    policy: `{\n  "name": "ci | deploy",\n  "subject": "repo:o/r:ref:refs/heads/main",\n  "note": "it's \\"quoted\\""\n}\n\n`,
    claims: { iss: 'https://token.actions.githubusercontent.com', sub: 'repo:o/r:ref:refs/heads/main', aud: 'api://AzureADTokenExchange', ref_protected: 'true', runner_id: 7, exp: AT + 300 },
    at: AT,
  })),
];

function evaluated(situation: Situation): EvaluationResult {
  return evaluate({ policyText: situation.policy, provider: situation.provider, token: { ok: true, token: claimsToken(situation.claims) }, at: situation.at, options: situation.options });
}

// Scenario files and eval flags as the CLI contract defines them (docs/contracts/CLI.md, "eval" and "test").
describe('scenarioFileFor', () => {
  it('writes the documented example layout', () => {
    const result: EvaluationResult = { provider: 'aws', decision: 'deny', message: 'Not authorized to perform sts:AssumeRoleWithWebIdentity', checks: [], findings: [], details: {} };
    const text = scenarioFileFor({ provider: 'aws', policy: '{\n  "Version": "2012-10-17"\n}\n', claims: { sub: 'x', ref_protected: 'true' }, at: AT, result, name: 'tag pipeline' });
    expect(text).toBe(
      [
        '# trustlens scenario: the aws decision observed at 2023-11-14T22:13:20Z.',
        '# Run it with: npx trustlens test <this file>',
        '',
        'provider: aws',
        'policy: |',
        '  {',
        '    "Version": "2012-10-17"',
        '  }',
        'scenarios:',
        '  - name: tag pipeline',
        '    at: 2023-11-14T22:13:20Z',
        '    claims:',
        '      sub: x',
        '      ref_protected: "true"',
        '    expect:',
        '      decision: deny',
        '      message: Not authorized to perform sts:AssumeRoleWithWebIdentity',
        '',
      ].join('\n'),
    );
  });

  it('is read back by the scenario loader exactly (property)', () => {
    const claimValues = fc.jsonValue({ maxDepth: 2 }).map((value) => JSON.parse(JSON.stringify(value)) as unknown);
    fc.assert(
      fc.property(
        fc.constantFrom(...PROVIDER_IDS),
        fc.string({ unit: 'binary', maxLength: 120 }),
        fc.dictionary(fc.string({ maxLength: 10 }), claimValues, { maxKeys: 6, noNullPrototype: true }),
        fc.integer({ min: 0, max: 253_402_300_799 }),
        fc.string({ unit: 'binary', maxLength: 60 }),
        fc.constantFrom('allow', 'deny', 'error') as fc.Arbitrary<EvaluationResult['decision']>,
        fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 2, noNullPrototype: true }),
        (provider, policy, claims, at, message, decision, options) => {
          const result: EvaluationResult = { provider, decision, message, checks: [], findings: [], details: {} };
          const loaded = loadScenarioFile(scenarioFileFor({ provider, policy, claims, at, result, options }), 'scenario.yaml');
          expect(loaded.ok).toBe(true);
          if (!loaded.ok) return;
          const [scenario] = loaded.scenarios;
          expect(loaded.scenarios).toHaveLength(1);
          expect(scenario.provider).toBe(provider);
          expect(scenario.policyText).toBe(policy);
          expect(scenario.tokenKind).toBe('claims');
          expect(JSON.parse(scenario.tokenText)).toEqual(claims);
          expect(scenario.at).toBe(at);
          expect(scenario.options).toEqual(options);
          expect(scenario.expect).toEqual({ decision, message: message === '' ? undefined : message });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('passes `trustlens test` for the decision the engine gave, and fails for another', async () => {
    for (const situation of SITUATIONS) {
      const result = evaluated(situation);
      const file = scenarioFileFor({ ...situation, result });
      const run = await runCli(['test', 'observed.yaml'], { 'observed.yaml': file });
      expect(run.stdout, file).toMatch(/^PASS observed\.yaml › /m);
      expect(run.stdout).toContain('1 passed, 0 failed');
      expect(run.code).toBe(0);

      const otherDecision = result.decision === 'allow' ? 'deny' : 'allow';
      const wrong = scenarioFileFor({ ...situation, result: { ...result, decision: otherDecision } });
      const failing = await runCli(['test', 'wrong.yaml'], { 'wrong.yaml': wrong });
      expect(failing.stdout).toContain('0 passed, 1 failed');
      expect(failing.code).toBe(1);
    }
  });
});

describe('cliCommandFor', () => {
  it('writes the eval call with a note on saving the files', () => {
    expect(cliCommandFor({ provider: 'aws', at: AT, tokenKind: 'claims' })).toBe(
      '# Save the trust configuration as policy.json and the claims as claims.json in the current directory, then run:\n' +
        'npx trustlens eval --provider aws --policy policy.json --claims claims.json --at 2023-11-14T22:13:20Z --format text\n',
    );
    expect(cliCommandFor({ provider: 'gcp', at: null, tokenKind: 'token' })).toBe(
      '# Save the trust configuration as policy.json and the token as token.jwt in the current directory, then run:\n' +
        'npx trustlens eval --provider gcp --policy policy.json --token token.jwt --format text\n',
    );
  });

  it('writes Terraform values as --var NAME=VALUE and the resource as --resource, as the CLI documents', async () => {
    expect(IAC_RESOURCE_OPTION).toBe(RESOURCE_OPTION);
    expect(IAC_VAR_PREFIX).toBe(VAR_OPTION_PREFIX);
    const command = cliCommandFor({ provider: 'aws', at: AT, tokenKind: 'claims', options: { 'iac.resource': 'aws_iam_role.deploy', 'iac.var.account_id': '111122223333' } });
    expect(command).toContain('--resource aws_iam_role.deploy --var account_id=111122223333 --format text');
    expect(command).not.toContain('--option');
    const claims = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../examples/claims.json'), 'utf8')) as Record<string, unknown>;
    const run = await runCli(command.trim().split('\n')[1].split(' ').slice(2), {
      [CLI_POLICY_FILE]: readFileSync(resolve(import.meta.dirname, '../../../examples/main.tf'), 'utf8'),
      [CLI_CLAIMS_FILE]: JSON.stringify(claims),
    });
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^aws: ALLOW/);
  });

  it('quotes option values for the shell', () => {
    expect(cliCommandFor({ provider: 'vault', at: AT, tokenKind: 'claims', options: { flavour: "open bao's" } })).toContain(
      "--option 'flavour=open bao'\\''s' --format text",
    );
    expect(shellWord('plain-word_1.json')).toBe('plain-word_1.json');
    expect(shellWord('$(rm -rf ~)')).toBe("'$(rm -rf ~)'");
  });

  it('is accepted by `trustlens eval` and gives the decision the engine gave', async () => {
    for (const situation of SITUATIONS) {
      const command = cliCommandFor({ provider: situation.provider, at: situation.at, tokenKind: 'claims', options: situation.options });
      const line = command.split('\n')[1];
      // Option values in the gallery are plain words, so splitting on spaces is the shell's reading.
      const argv = line.split(' ').slice(2);
      expect(line.startsWith('npx trustlens eval ')).toBe(true);
      const run = await runCli(argv.map((word) => (word === 'text' ? 'json' : word)), {
        [CLI_POLICY_FILE]: situation.policy,
        [CLI_CLAIMS_FILE]: JSON.stringify(situation.claims),
      });
      const output = JSON.parse(run.stdout) as { decision: string; message: string };
      const expected = evaluated(situation);
      expect(output.decision).toBe(expected.decision);
      expect(output.message).toBe(expected.message);
    }
  });
});
