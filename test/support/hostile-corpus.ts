/**
 * A generated corpus of hostile inputs, one family per class of attack on the engine: runaway
 * CEL, deep nesting, keys that name Object's own properties, and oversized values. Each entry is
 * a complete evaluation input; the unit suite (hostile.test.ts) runs every one through the engine
 * and the CLI and asserts a decision with a message in the service's or trustlens's terms.
 * Sizes are chosen to stay inside the services' documented limits where a limit exists (so the
 * budget, not a limit, has to stop them) and just past them where the limit is what is tested.
 */
import { EXAMPLES } from '../../src/engine/examples';
import type { ProviderId } from '../../src/engine/result';

export interface HostileCase {
  name: string;
  provider: ProviderId;
  policyText: string;
  claims: Record<string, unknown>;
  /** The claims as a file holds them (built as text when too deep for JSON.stringify). */
  claimsText: string;
  at: number;
  /** What must hold: a specific decision, or only "any decision, located, no internal error". */
  expect?: { decision: 'allow' | 'deny' | 'error'; message?: RegExp };
}

function exampleOf(provider: ProviderId) {
  return EXAMPLES.find((example) => example.provider === provider)!;
}

function nested(levels: number, leaf: unknown): unknown {
  let value = leaf;
  for (let level = 0; level < levels; level++) value = { a: value };
  return value;
}

function gcpWith(condition: string, mapping: Record<string, string> = {}): string {
  const config = JSON.parse(exampleOf('gcp').policy) as { provider: { attributeCondition?: string; attributeMapping: Record<string, string> } };
  config.provider.attributeCondition = condition;
  Object.assign(config.provider.attributeMapping, mapping);
  return JSON.stringify(config, null, 2);
}

const DIGITS = '[0,1,2,3,4,5,6,7,8,9]';

function nestedExists(levels: number, macro = 'exists'): string {
  // A body that never settles the macro early, so every level runs every iteration.
  let body = macro === 'all' ? 'assertion.sub != "nobody"' : 'assertion.sub == "nobody"';
  for (let level = levels - 1; level >= 0; level--) body = `${DIGITS}.${macro}(x${level}, ${body})`;
  return body;
}

/** Object.prototype's own names, and the one the JSON parser treats specially. */
export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'];

export function hostileCorpus(): HostileCase[] {
  const cases: HostileCase[] = [];
  const add = (entry: Omit<HostileCase, 'claimsText'> & { claimsText?: string }) => cases.push({ ...entry, claimsText: entry.claimsText ?? JSON.stringify(entry.claims) });
  const gcp = exampleOf('gcp');
  const tooExpensive = { decision: 'error' as const, message: /too expensive to evaluate/ };

  for (const levels of [4, 6, 8, 10]) {
    for (const macro of ['exists', 'all', 'exists_one']) {
      add({ name: `gcp: ${levels} nested ${macro} in the condition`, provider: 'gcp', policyText: gcpWith(nestedExists(levels, macro)), claims: gcp.claims, at: gcp.at, ...(levels >= 6 ? { expect: tooExpensive } : {}) });
    }
  }
  add({ name: 'gcp: nested exists in a mapping', provider: 'gcp', policyText: gcpWith("assertion.sub != ''", { 'attribute.bomb': `${nestedExists(7)} ? 'a' : 'b'` }), claims: gcp.claims, at: gcp.at, expect: tooExpensive });
  const bigClaim = 'ab'.repeat(50_000);
  add({ name: 'gcp: replace over a 100 KB claim', provider: 'gcp', policyText: gcpWith("assertion.big.replace('a', 'b') != ''"), claims: { ...gcp.claims, big: bigClaim }, at: gcp.at });
  add({ name: 'gcp: replace that squares a 100 KB claim', provider: 'gcp', policyText: gcpWith("assertion.big.replace('', assertion.big) != ''"), claims: { ...gcp.claims, big: bigClaim }, at: gcp.at, expect: tooExpensive });
  add({ name: 'gcp: split and join in a loop', provider: 'gcp', policyText: gcpWith(`${DIGITS}.all(x, ${DIGITS}.all(y, assertion.big.split('a').join('c') != ''))`), claims: { ...gcp.claims, big: bigClaim }, at: gcp.at, expect: tooExpensive });
  for (const depth of [300, 2000]) {
    add({ name: `gcp: ${depth} nested parentheses`, provider: 'gcp', policyText: gcpWith(`${'('.repeat(depth)}true${')'.repeat(depth)}`), claims: gcp.claims, at: gcp.at, expect: { decision: 'error', message: /recursion limit exceeded: 250/ } });
  }
  add({ name: 'gcp: 2000 nested lists', provider: 'gcp', policyText: gcpWith(`${'['.repeat(2000)}${']'.repeat(2000)} != []`), claims: gcp.claims, at: gcp.at, expect: { decision: 'error', message: /recursion limit exceeded: 250/ } });

  for (const provider of ['aws', 'vault', 'gcp', 'azure'] as const) {
    const example = exampleOf(provider);
    for (const levels of [65, 10_000]) {
      const claimsText = `${JSON.stringify(example.claims).slice(0, -1)},"deep":${'{"a":'.repeat(levels)}"x"${'}'.repeat(levels)}}`;
      add({ name: `${provider}: claims nested ${levels} levels`, provider, policyText: example.policy, claims: levels < 1000 ? { ...example.claims, deep: nested(levels, 'x') } : {}, claimsText, at: example.at, expect: { decision: 'error', message: /nested more than (64|256) levels/ } });
    }
    const prototypeClaims = Object.fromEntries(PROTOTYPE_KEYS.map((key) => [key, key]));
    add({ name: `${provider}: claims named after Object's properties`, provider, policyText: example.policy, claims: { ...example.claims, ...prototypeClaims }, at: example.at });
    for (const key of PROTOTYPE_KEYS) {
      // Keys at every object level of the configuration (JSON.parse keeps __proto__ as a plain key).
      const policyText = example.policy.replace(/\{/g, () => `{${JSON.stringify(key)}: {}, `);
      add({ name: `${provider}: configuration key ${key} everywhere`, provider, policyText, claims: example.claims, at: example.at });
    }
  }

  // Claims of the wrong JSON type, at every claim a provider reads: an object where a string or a
  // number belongs ends in a decision with a message, not in a crash while quoting the value.
  const wrongTypes: Array<[label: string, value: unknown]> = [
    ['an object', { a: 1 }],
    ['a list of objects', [{ a: 1 }]],
    ['an object named after Object\'s methods', { toString: null, valueOf: null }],
  ];
  for (const provider of ['aws', 'vault', 'gcp', 'azure'] as const) {
    const example = exampleOf(provider);
    const keys = new Set(['iss', 'aud', 'azp', 'sub', 'iat', 'exp', 'nbf', ...Object.keys(example.claims)]);
    for (const key of keys) {
      for (const [label, value] of wrongTypes) {
        add({ name: `${provider}: claim ${key} as ${label}`, provider, policyText: example.policy, claims: { ...example.claims, [key]: value }, at: example.at });
      }
    }
  }

  const aws = exampleOf('aws');
  add({ name: 'aws: a token longer than STS accepts', provider: 'aws', policyText: aws.policy, claims: { ...aws.claims, padding: 'x'.repeat(20_000) }, at: aws.at, expect: { decision: 'error', message: /Member must have length less than or equal to 20000/ } });
  add({ name: 'aws: a 10,000-star pattern against a long sub', provider: 'aws', policyText: aws.policy.replace(/"project_path:[^"]*"/, `"${'*a'.repeat(1_000)}"`), claims: { ...aws.claims, sub: 'a'.repeat(10_000) }, at: aws.at });
  const azure = exampleOf('azure');
  add({ name: 'azure: a subject over 600 characters', provider: 'azure', policyText: azure.policy.replace(/"subject":\s*"[^"]*"/, `"subject": "${'s'.repeat(601)}"`), claims: azure.claims, at: azure.at, expect: { decision: 'error', message: /limit is 600 characters/ } });
  const vault = exampleOf('vault');
  add({ name: 'vault: a glob of stars against a long claim', provider: 'vault', policyText: vault.policy.replace(/"role":\s*\{/, `"role": {"bound_claims_type": "glob", "bound_claims": {"sub": "${'*a'.repeat(500)}"}, `), claims: { ...vault.claims, sub: 'a'.repeat(5_000) }, at: vault.at });
  return cases;
}
