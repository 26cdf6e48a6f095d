/**
 * The planned role answers as Vault / OpenBao do, asked through both faces: the acceptance cases
 * (each cites its source) and the gallery decided without a trace, and the rules that depend on
 * the order of pathLogin's steps (path_login.go L96–211) or on the server, read from one plan.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeAt, parseJsonDocument } from '../../json';
import type { EvaluationContext } from '../../provider';
import { parseInstant } from '../../time';
import { claimsToken, parseClaims, type Token } from '../../token';
import { SIGNATURE_NOT_CHECKED } from '../../verify';
import { examples, gitlabJobClaims, AT } from './examples';
import { parseVaultPolicy } from './parse';
import { planVault } from './plan';

const ROOT = resolve(import.meta.dirname, '../../../..');
const DISPUTED = JSON.parse(readFileSync(join(ROOT, 'fixtures/disputed.json'), 'utf8')) as Record<string, unknown>;

function planOf(policyText: string) {
  const parsed = parseVaultPolicy(policyText);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return planVault(parsed.policy);
}

const context = (at: number, options: Record<string, string> = {}): EvaluationContext => ({ at, signature: SIGNATURE_NOT_CHECKED, options });

interface Case {
  key: string;
  source: string;
  policyText: string;
  token: Token;
  at: number;
  options: Record<string, string>;
  expect: { decision: string; message?: string | string[] };
}

/** A case as `trustlens test` reads it: the policy's raw text (number lexemes kept), the claims as --claims. */
function readCase(file: string, key: string): Case {
  const text = readFileSync(file, 'utf8');
  const parsed = parseJsonDocument(text, file);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const value = parsed.doc.value as Record<string, unknown>;
  const raw = (member: string) => {
    const node = nodeAt(parsed.doc, [member])!;
    return text.slice(node.offset, node.offset + node.length);
  };
  const claims = parseClaims(raw('claims'));
  if (!claims.ok) throw new Error(claims.error.message);
  const at = typeof value.at === 'number' ? value.at : parseInstant(String(value.at));
  if (at === null) throw new Error(`${file}: unreadable at`);
  return {
    key,
    source: String(value.source),
    policyText: typeof value.policy === 'string' ? value.policy : raw('policy'),
    token: claims.token,
    at,
    options: (value.options as Record<string, string> | undefined) ?? {},
    expect: value.expect as Case['expect'],
  };
}

function vaultCases(): Case[] {
  const cases: Case[] = [];
  for (const folder of ['fixtures/cases', 'fixtures/own']) {
    const dir = join(ROOT, folder, 'vault');
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).filter((file) => file.endsWith('.json')).sort()) {
      const key = `vault/${name.replace(/\.json$/, '')}`;
      if (!(key in DISPUTED)) cases.push(readCase(join(dir, name), `${folder}/${key}`));
    }
  }
  return cases;
}

describe('the planned role decides as the service (acceptance cases, gallery)', () => {
  it('every Vault acceptance case, decided without a trace and explained with one', () => {
    const cases = vaultCases();
    expect(cases.length).toBeGreaterThan(200);
    for (const c of cases) {
      const plan = planOf(c.policyText);
      const decided = plan.decide(c.token, c.at, c.options);
      const explained = plan.explain(c.token, context(c.at, c.options));
      const where = `${c.key}\nsource: ${c.source}\ngot: ${decided.decision}: ${decided.message}`;
      expect(decided.decision, where).toBe(c.expect.decision);
      expect(explained.decision, where).toBe(c.expect.decision);
      if (c.expect.message !== undefined) {
        const wanted = Array.isArray(c.expect.message) ? c.expect.message : [c.expect.message];
        // A case names the service's words, which the message contains (as `trustlens test` checks it).
        expect(wanted.some((part) => decided.message.includes(part)), where).toBe(true);
        expect(wanted.some((part) => explained.message.includes(part)), where).toBe(true);
      }
    }
  });

  it('every Vault gallery example, decided without a trace', () => {
    for (const example of examples) {
      const decided = planOf(example.policy).decide(claimsToken(example.claims), example.at, example.options ?? {});
      expect(decided.decision, example.id).toBe(example.expect.decision);
      if (example.expect.message) expect(decided.message, example.id).toBe(example.expect.message);
    }
  });
});

describe('one plan, both servers', () => {
  it('reads a string aud "" as a list in OpenBao only, switching back and forth on one plan (openbao claims.go getClaim)', () => {
    const example = examples.find((candidate) => candidate.id === 'vault-openbao-empty-aud')!;
    const plan = planOf(example.policy);
    const token = claimsToken(example.claims);
    const refused = { decision: 'deny', message: 'audience claim found in JWT but no audiences bound to the role' };
    expect(plan.decide(token, example.at, { flavour: 'openbao' })).toEqual(refused);
    expect(plan.decide(token, example.at, { flavour: 'vault' }).decision).toBe('allow');
    expect(plan.decide(token, example.at, { flavour: 'openbao' })).toEqual(refused);
    expect(plan.explain(token, context(example.at, { flavour: 'vault' })).decision).toBe('allow');
    expect(plan.explain(token, context(example.at, { flavour: 'openbao' })).message).toBe(refused.message);
  });

  it('writes the role per server: OpenBao validates callback_mode, Vault drops the unknown field', () => {
    const plan = planOf(JSON.stringify({ role_type: 'jwt', user_claim: 'user_email', bound_audiences: 'https://vault.example.com', callback_mode: 'x' }));
    const token = claimsToken(gitlabJobClaims());
    expect(plan.decide(token, AT, { flavour: 'vault' }).decision).toBe('allow');
    expect(plan.decide(token, AT, { flavour: 'openbao' })).toEqual({ decision: 'error', message: "invalid 'callback_mode': x" });
    const explained = plan.explain(token, context(AT, { flavour: 'openbao' }));
    expect(explained.checks.map((check) => [check.id, check.result, check.decisive])).toEqual([['role.write', 'error', true]]);
  });

  it('refuses a string aud on a role without bound_audiences since Vault 1.17 only (plugin v0.20.3, PR #295)', () => {
    const plan = planOf(JSON.stringify({ role_type: 'jwt', user_claim: 'user_email', bound_claims: { ref: 'main' } }));
    const token = claimsToken(gitlabJobClaims({ aud: 'https://vault.example.com' }));
    expect(plan.decide(token, AT, { vault_version: '1.17' }).message).toBe('audience claim found in JWT but no audiences bound to the role');
    expect(plan.decide(token, AT, { vault_version: '1.16' }).decision).toBe('allow');
    expect(plan.decide(token, AT, {}).decision).toBe('deny');
  });
});

describe('the order of the login steps', () => {
  const role = (fields: Record<string, unknown>) =>
    JSON.stringify({ config: { oidc_discovery_url: 'https://gitlab.example.com', bound_issuer: 'https://gitlab.example.com' }, role: { role_type: 'jwt', user_claim: 'user_email', bound_audiences: 'https://vault.example.com', ...fields } });

  it('answers with the first failure in cap\'s order (sub before aud) and still shows every check', () => {
    const plan = planOf(role({ bound_subject: 'project_path:other/project:ref_type:branch:ref:main' }));
    const token = claimsToken(gitlabJobClaims({ aud: 'https://elsewhere.example.com' }));
    expect(plan.decide(token, AT, {})).toEqual({ decision: 'deny', message: 'error validating token: invalid subject (sub) claim' });
    const explained = plan.explain(token, context(AT));
    expect(explained.checks.filter((check) => check.decisive).map((check) => check.id)).toEqual(['role.bound_subject']);
    expect(explained.details.failingChecks).toEqual(['role.bound_subject', 'role.bound_audiences']);
  });

  it('refuses an oidc role before verifying the signature (path_login.go L110–112 before L132)', () => {
    const plan = planOf(role({ role_type: 'oidc', allowed_redirect_uris: ['https://vault.example.com/ui/vault/auth/jwt/oidc/callback'] }));
    const bad = { at: AT, signature: { state: 'invalid', reason: 'bad', keySource: 'jwks' }, options: {} } as const;
    const explained = plan.explain(claimsToken(gitlabJobClaims()), bad);
    expect(explained.message).toBe('role with oidc role_type is not allowed');
    expect(explained.checks.find((check) => check.decisive)?.id).toBe('role.role_type');
  });

  it('reports a bad signature before any claim, with no claim check decisive', () => {
    const plan = planOf(role({ bound_subject: 'someone-else' }));
    const bad = { at: AT, signature: { state: 'invalid', reason: 'bad', keySource: 'jwks' }, options: {} } as const;
    const explained = plan.explain(claimsToken(gitlabJobClaims()), bad);
    expect(explained.message).toBe('error validating token: error verifying token signature: failed to verify id token signature');
    expect(explained.checks.some((check) => check.decisive)).toBe(false);
    expect(explained.details.failingChecks).toEqual(['role.bound_subject']);
  });

  it('stops at a registered claim Vault cannot decode, as an error, and skips the claim checks that need it', () => {
    const plan = planOf(role({ bound_subject: 'someone-else' }));
    const token = claimsToken(gitlabJobClaims({ exp: 'soon' }));
    expect(plan.decide(token, AT, {})).toEqual({ decision: 'error', message: 'error validating token: go-jose/go-jose/jwt: expected number value to unmarshal NumericDate' });
    const checks = plan.explain(token, context(AT)).checks;
    expect(checks.find((check) => check.decisive)?.id).toBe('token.registered_claims');
    expect(checks.filter((check) => ['role.bound_subject', 'token.time'].includes(check.id)).map((check) => check.result)).toEqual(['skip', 'skip']);
  });
});
