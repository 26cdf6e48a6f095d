import { describe, expect, it } from 'vitest';
import { runEvaluation } from '../cli/eval';
import { evaluate } from './evaluate';
import { hostileCorpus } from '../../test/support/hostile-corpus';
import { parseClaims } from './token';

const corpus = hostileCorpus();
const INTERNAL = /internal error|Maximum call stack|Cannot read properties|is not a function|undefined \(reading/;

describe('the hostile corpus: every input ends with a decision in the service\'s or trustlens\'s terms', () => {
  it.each(corpus.map((entry) => [entry.name, entry] as const))('%s', async (_name, entry) => {
    const engine = evaluate({ provider: entry.provider, policyText: entry.policyText, token: parseClaims(entry.claimsText), at: entry.at });
    expect(['allow', 'deny', 'error']).toContain(engine.decision);
    expect(engine.message).not.toMatch(INTERNAL);
    if (engine.decision === 'error') expect(engine.message.length).toBeGreaterThan(0);
    if (entry.expect) {
      expect(engine.decision).toBe(entry.expect.decision);
      if (entry.expect.message) expect(engine.message).toMatch(entry.expect.message);
    }
    // The CLI reads claims from a file and runs the same evaluation.
    const cli = await runEvaluation({
      policyText: entry.policyText,
      policyName: 'policy.json',
      tokenText: entry.claimsText,
      tokenName: 'claims.json',
      tokenKind: 'claims',
      provider: entry.provider,
      at: entry.at,
    });
    expect(cli.decision).toBe(engine.decision);
    expect(cli.message).toBe(engine.message);
  });
});
