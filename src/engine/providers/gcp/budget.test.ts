import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prepare } from '../../evaluate';
import { evaluate } from '../../evaluate';
import { exampleById } from '../../examples';
import { claimsToken } from '../../token';
import { TOO_EXPENSIVE } from './budget';
import { replaceAll } from './cel-env';

const example = exampleById('gcp-github-recommended')!;

function withCondition(condition: string, mapping?: Record<string, string>): string {
  const config = JSON.parse(example.policy) as { provider: { attributeCondition: string; attributeMapping: Record<string, string> } };
  config.provider.attributeCondition = condition;
  if (mapping) Object.assign(config.provider.attributeMapping, mapping);
  return JSON.stringify(config, null, 2);
}

function run(policyText: string, claims: Record<string, unknown> = example.claims) {
  return evaluate({ provider: 'gcp', policyText, token: { ok: true, token: claimsToken(claims) }, at: example.at });
}

const digits = '[0,1,2,3,4,5,6,7,8,9]';

/** Ten nested `exists` over ten elements: 10^10 iterations in 420-odd characters. */
function nestedExists(levels: number): string {
  let body = "assertion.repository_owner == 'nobody'";
  for (let level = levels - 1; level >= 0; level--) body = `${digits}.exists(x${level}, ${body})`;
  return body;
}

describe('the CEL evaluation budget', () => {
  it('ends ten nested comprehensions with a "too expensive" error verdict', () => {
    const condition = nestedExists(10);
    expect(condition.length).toBeLessThan(4096);
    const result = run(withCondition(condition));
    expect(result.decision).toBe('error');
    expect(result.message).toBe(TOO_EXPENSIVE);
    expect(result.checks.find((check) => check.decisive)?.id).toBe('cel.budget');
  });

  it('ends the same comprehensions in an attribute mapping too', () => {
    const result = run(withCondition("assertion.repository_owner == 'octo-org'", { 'attribute.bomb': `${nestedExists(8)} ? 'a' : 'b'` }));
    expect(result.decision).toBe('error');
    expect(result.message).toBe(TOO_EXPENSIVE);
  });

  // The budget covers everything evaluated for the token, clause by clause as the trace shows it,
  // and after an earlier failure too, whether the token is explained or only decided.
  it('counts each clause the trace evaluates, decided or explained, even after an earlier failure', () => {
    const unfound = `${digits}.exists(a, ${digits}.exists(b, ${digits}.exists(c, ${digits}.exists(d, a + b + c + d == 99))))`;
    const policyText = withCondition(`${unfound} || ${unfound} || ${unfound} || assertion.repository_owner == 'octo-org'`);
    const compiled = prepare({ policyText, provider: 'gcp' });
    for (const claims of [example.claims, { ...example.claims, iss: 'https://evil.example' }]) {
      expect(run(policyText, claims).message).toBe(TOO_EXPENSIVE);
      expect(compiled.decide(claims, { at: example.at })).toEqual({ decision: 'error', message: TOO_EXPENSIVE });
    }
    // One of those clauses alone stays within the budget, and the token is let in.
    const single = withCondition(`${unfound} || assertion.repository_owner == 'octo-org'`);
    expect(prepare({ policyText: single, provider: 'gcp' }).decide(example.claims, { at: example.at }).decision).toBe(example.expect.decision);
  });

  it('leaves ordinary comprehensions alone', () => {
    const result = run(withCondition(`${digits}.exists(x, ${digits}.exists(y, x * y == 81)) && assertion.repository_owner == 'octo-org'`));
    expect(result.decision).toBe(example.expect.decision);
  });

  it('meters string work: replace over a 100 KB claim ends, growing replaces are refused', () => {
    const claims = { ...example.claims, big: 'ab'.repeat(50_000) };
    const linear = run(withCondition("assertion.big.replace('a', 'c').size() > 0 && assertion.repository_owner == 'octo-org'"), claims);
    expect(linear.decision).toBe(example.expect.decision);
    const growing = run(withCondition("assertion.big.replace('', assertion.big).size() > 0"), claims);
    expect(growing.decision).toBe('error');
    expect(growing.message).toBe(TOO_EXPENSIVE);
  });

  it('property: any nesting of comprehensions over list literals ends with a decision', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 12 }), fc.constantFrom('exists', 'all', 'exists_one', 'map', 'filter'), (sizes, macro) => {
        let body = "assertion.repository_owner != ''";
        sizes.forEach((size, level) => {
          const list = `[${Array.from({ length: size }, (_, i) => i).join(',')}]`;
          body = macro === 'map' || macro === 'filter' ? `${list}.${macro}(v${level}, ${body}).size() >= 0` : `${list}.${macro}(v${level}, ${body})`;
        });
        if (body.length > 4096) return;
        const result = run(withCondition(body));
        expect(['allow', 'deny', 'error']).toContain(result.decision);
      }),
      { numRuns: 15 },
    );
  });
});

// cel-go ext/strings.go: replace calls Go's strings.Replace (n < 0: all; empty old matches at
// every code point boundary).
describe('replace follows cel-go and is linear', () => {
  it('matches Go strings.Replace', () => {
    expect(replaceAll('banana', 'a', 'o')).toBe('bonono');
    expect(replaceAll('banana', 'a', 'o', 2n)).toBe('bonona');
    expect(replaceAll('banana', 'a', 'o', 0n)).toBe('banana');
    expect(replaceAll('abc', '', 'x')).toBe('xaxbxcx');
    expect(replaceAll('abc', '', 'x', 2n)).toBe('xaxbc');
    expect(replaceAll('aaa', 'aa', 'b')).toBe('ba');
    expect(replaceAll('é😀', '', '-')).toBe('-é-😀-');
  });

  it('property: agrees with split/join for a non-empty needle', () => {
    fc.assert(
      fc.property(fc.string(), fc.string({ minLength: 1, maxLength: 3 }), fc.string(), (text, old, replacement) => {
        expect(replaceAll(text, old, replacement)).toBe(text.split(old).join(replacement));
      }),
    );
  });
});
