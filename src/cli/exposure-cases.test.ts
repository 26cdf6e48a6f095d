/**
 * The public exposure cases (fixtures/exposure-cases, copies of the shared ones, and
 * ../shared/exposure-cases when present), run through the CLI as outside tests run them:
 * `trustlens exposure --policy … [--claims …] --provider … --at … --format json`. A case passes
 * when every listed attack is matched by some witness, and every witness is a token its issuer
 * could mint (the issuer model's consistency check) and is admitted by `trustlens eval --claims`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { consistencyProblems } from '../engine/claims/models';
import { runCli } from '../../test/support/memory-io';

const ROOT = resolve(import.meta.dirname, '../..');
const FOLDERS = [join(ROOT, 'fixtures/exposure-cases'), join(ROOT, '../shared/exposure-cases')].filter((dir) => existsSync(dir));
const DISPUTED = JSON.parse(readFileSync(join(ROOT, 'fixtures/exposure-disputed.json'), 'utf8')) as Record<string, { exit: number; message: string; evidence: string }>;

type Predicate = { claim: string; eq?: unknown; ne?: unknown; startsWith?: string } | { anyOf: Predicate[][] };

interface ExposureCase {
  id: string;
  name: string;
  provider: string;
  policy: unknown;
  claims?: Record<string, unknown>;
  at: string;
  expect: { witnesses: Predicate[][] };
}

function holds(predicate: Predicate, claims: Record<string, unknown>): boolean {
  if ('anyOf' in predicate) return predicate.anyOf.some((group) => group.every((inner) => holds(inner, claims)));
  const value = claims[predicate.claim];
  if ('eq' in predicate) return JSON.stringify(value) === JSON.stringify(predicate.eq);
  if ('ne' in predicate) return JSON.stringify(value) !== JSON.stringify(predicate.ne);
  if ('startsWith' in predicate) return typeof value === 'string' && value.startsWith(predicate.startsWith!);
  return false;
}

function policyText(policy: unknown): string {
  return typeof policy === 'string' ? policy : JSON.stringify(policy, null, 2);
}

async function exposure(c: ExposureCase, policy = policyText(c.policy)) {
  const files: Record<string, string> = { 'policy.json': policy };
  const argv = ['exposure', '--policy', 'policy.json', '--provider', c.provider, '--at', c.at, '--format', 'json'];
  if (c.claims) {
    files['claims.json'] = JSON.stringify(c.claims);
    argv.push('--claims', 'claims.json');
  }
  return runCli(argv, files);
}

async function checkWitnesses(c: ExposureCase, policy: string, witnesses: Array<{ claims: Record<string, unknown>; at: string; decision: string }>) {
  for (const witness of witnesses) {
    expect(witness.decision).toBe('allow');
    expect(consistencyProblems(witness.claims), JSON.stringify(witness.claims)).toEqual([]);
    const again = await runCli(['eval', '--policy', 'policy.json', '--claims', 'claims.json', '--provider', c.provider, '--at', witness.at, '--format', 'json'], {
      'policy.json': policy,
      'claims.json': JSON.stringify(witness.claims),
    });
    expect(JSON.parse(again.stdout).decision, JSON.stringify(witness.claims)).toBe('allow');
    expect(again.code).toBe(0);
  }
  for (const attack of c.expect.witnesses) {
    expect(witnesses.some((witness) => attack.every((predicate) => holds(predicate, witness.claims))), `no witness for ${JSON.stringify(attack)}`).toBe(true);
  }
}

for (const folder of FOLDERS) {
  describe(`exposure cases in ${folder.includes('shared') ? '../shared/exposure-cases' : 'fixtures/exposure-cases'}`, () => {
    for (const name of readdirSync(folder).filter((file) => file.endsWith('.json')).sort()) {
      const c = JSON.parse(readFileSync(join(folder, name), 'utf8')) as ExposureCase;
      const disputed = DISPUTED[c.id];
      it(`${c.id}: ${c.name}${disputed ? ' (disputed: see fixtures/exposure-disputed.json)' : ''}`, async () => {
        const run = await exposure(c);
        if (disputed) {
          expect(run.code, disputed.evidence).toBe(disputed.exit);
          expect(run.stderr).toContain(disputed.message);
          return;
        }
        expect(run.code, run.stderr).toBe(c.expect.witnesses.length > 0 ? 1 : 0);
        await checkWitnesses(c, policyText(c.policy), JSON.parse(run.stdout).witnesses);
      });
    }
  });
}

describe('P02 with a key source in its config', () => {
  it('finds the unprotected main branch, every witness mintable and admitted', async () => {
    const c = JSON.parse(readFileSync(join(ROOT, 'fixtures/exposure-cases/P02.json'), 'utf8')) as ExposureCase;
    const policy = c.policy as { config: Record<string, unknown> };
    policy.config.oidc_discovery_url = 'https://gitlab.com';
    const run = await exposure(c);
    expect(run.code, run.stderr).toBe(1);
    await checkWitnesses(c, policyText(c.policy), JSON.parse(run.stdout).witnesses);
  });
});
