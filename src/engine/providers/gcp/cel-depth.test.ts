/**
 * A condition nested deep inside parentheses, but within CEL's limit, gets the same verdict on a
 * thread with a browser worker's small stack as on the command line's.
 *
 * The limit: cel-go's parser refuses nesting past its default maxRecursionDepth of 250 with
 * "expression recursion limit exceeded: 250" (github.com/google/cel-go parser/parser.go,
 * NewParser and recursionListener.EnterEveryRule, commit 14f6746a286f198c2a976749331b7bf4aa2d4bd2);
 * cel-go also strips parentheses before building the tree (`unnest`), so they add nothing to it.
 * The stack: the CEL library's parser read 218 nested parentheses in a Chromium dedicated worker
 * and 500 on the page's own thread; a Node worker with 0.6 MB of stack reads about 190.
 */
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../evaluate';
import { exampleById } from '../../examples';
import { claimsToken } from '../../token';
import { parseCel, withoutDoubledParentheses } from './cel-source';

const example = exampleById('gcp-github-recommended')!;
const token = { ok: true as const, token: claimsToken(example.claims) };

function wrapped(levels: number): string {
  const config = JSON.parse(example.policy) as { provider: { attributeCondition: string } };
  const condition = config.provider.attributeCondition;
  config.provider.attributeCondition = `${'('.repeat(levels)}${condition}${')'.repeat(levels)}`;
  return JSON.stringify(config, null, 2);
}

/** The decision and message of `evaluate()` run on a worker thread with `stackSizeMb` of stack. */
function evaluateOnSmallStack(policyText: string, stackSizeMb: number): Promise<{ decision: string; message: string }> {
  const evaluateUrl = new URL('../../evaluate.ts', import.meta.url).href;
  const tokenUrl = new URL('../../token.ts', import.meta.url).href;
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    import('tsx/esm/api')
      .then(({ tsImport }) => Promise.all([tsImport(workerData.evaluateUrl, workerData.evaluateUrl), tsImport(workerData.tokenUrl, workerData.tokenUrl)]))
      .then(([{ evaluate }, { claimsToken }]) => {
        const { claims, ...input } = workerData.input;
        const result = evaluate({ ...input, token: { ok: true, token: claimsToken(claims) } });
        parentPort.postMessage({ decision: result.decision, message: result.message });
      })
      .catch((error) => parentPort.postMessage({ decision: 'thrown', message: String(error && error.message) }));`;
  const input = { provider: 'gcp', policyText, claims: example.claims, at: example.at };
  return new Promise((resolve, reject) => {
    const worker = new Worker(code, { eval: true, workerData: { evaluateUrl, tokenUrl, input }, resourceLimits: { stackSizeMb } });
    worker.once('message', (message) => {
      resolve(message);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

describe('CEL nested in parentheses', () => {
  it('240 parentheses around the condition: the same verdict as without them, on a small stack too', async () => {
    const plain = evaluate({ provider: 'gcp', policyText: example.policy, token, at: example.at });
    expect(plain.decision).toBe('allow');
    const deep = evaluate({ provider: 'gcp', policyText: wrapped(240), token, at: example.at });
    expect({ decision: deep.decision, message: deep.message }).toEqual({ decision: plain.decision, message: plain.message });
    expect(await evaluateOnSmallStack(wrapped(240), 0.6)).toEqual({ decision: plain.decision, message: plain.message });
  });

  it('past the limit: the same located refusal on both stacks', async () => {
    const deep = evaluate({ provider: 'gcp', policyText: wrapped(251), token, at: example.at });
    expect(deep.decision).toBe('error');
    expect(deep.message).toMatch(/^attributeCondition is not valid CEL: expression recursion limit exceeded: 250 \(line \d+, column \d+\)$/);
    expect(await evaluateOnSmallStack(wrapped(251), 0.6)).toEqual({ decision: deep.decision, message: deep.message });
  });

  it('blanks only parentheses that wrap exactly one more pair, keeping every offset', () => {
    expect(withoutDoubledParentheses("((x == 'a'))")).toBe("( x == 'a' )");
    expect(withoutDoubledParentheses('f((x))')).toBe('f( x )');
    expect(withoutDoubledParentheses('has((a.b))')).toBe('has( a.b )');
    // Not one expression, or not doubled: left as written, so the parser refuses it where it is wrong.
    expect(withoutDoubledParentheses('f(())')).toBeNull();
    expect(withoutDoubledParentheses('f((a, b))')).toBeNull();
    expect(withoutDoubledParentheses('(a) && (b)')).toBeNull();
    expect(withoutDoubledParentheses("((x == ')'))")).toBe("( x == ')' )");
    expect(withoutDoubledParentheses('((x)')).toBeNull();
  });

  it('parses the same tree with or without the parentheses, and refuses what is wrong inside them', () => {
    const bare = parseCel("assertion.ref == 'main'");
    const deep = parseCel(`${'('.repeat(240)}assertion.ref == 'main'${')'.repeat(240)}`);
    expect(bare.ok && deep.ok).toBe(true);
    if (bare.ok && deep.ok) expect(deep.parsed.expr).toEqual(bare.parsed.expr);
    const broken = parseCel(`${'('.repeat(240)}assertion.ref = 'main'${')'.repeat(240)}`);
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.message).toContain("'=' is not a CEL operator");
  });
});
