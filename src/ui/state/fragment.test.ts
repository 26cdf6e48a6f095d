import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../engine/examples';
import { buildShareState, encodeShareFragment } from '../../engine/share/index';
import { readTokenInput } from '../../engine/token';
import { shareInputOf } from '../share/input';
import { readFragment, workbenchFromShareState } from './fragment';
import type { Workbench } from './workbench';

const workbench: Workbench = {
  provider: 'aws',
  policyText: '{"Version": "2012-10-17"}',
  tokenText: '{\n  "iss": "https://gitlab.com",\n  "sub": "project_path:g/p:ref_type:branch:ref:main"\n}',
  at: 1_700_000_000,
  options: {},
};

/** The fragment the app writes for a workbench (the default share: no signature, no redaction). */
function fragmentOf(source: Workbench): string {
  return encodeShareFragment(buildShareState(shareInputOf(source, readTokenInput(source.tokenText)), { includeToken: false, redact: false }));
}

describe('the fragment as a workbench', () => {
  it('round-trips crafted claims as the claims text', () => {
    expect(readFragment(fragmentOf(workbench))).toEqual({ kind: 'state', workbench });
  });

  it('puts a shared token back as header.payload. with the same header and claims', () => {
    const jws = 'eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJpc3MiOiJodHRwczovL2dpdGxhYi5jb20iLCJyZWYiOiJtYWluIn0.c2lnbmF0dXJl';
    const outcome = readFragment(fragmentOf({ ...workbench, tokenText: `Bearer ${jws}\n` }));
    expect(outcome.kind).toBe('state');
    if (outcome.kind !== 'state') return;
    const { tokenText } = outcome.workbench;
    expect(tokenText.endsWith('.')).toBe(true);
    expect(tokenText).not.toContain('c2lnbmF0dXJl');
    const original = readTokenInput(jws);
    const restored = readTokenInput(tokenText);
    expect(restored.ok && original.ok).toBe(true);
    if (restored.ok && original.ok) {
      expect(restored.token.kind).toBe('jws');
      expect(restored.token.header).toEqual(original.token.header);
      expect(restored.token.claims).toEqual(original.token.claims);
    }
  });

  it('keeps undecodable input as typed and carries options', () => {
    expect(workbenchFromShareState({ v: 1, provider: 'vault', policy: 'p', claims: null, token: 'not a token', at: null, options: { flavour: 'openbao' } })).toEqual({
      provider: 'vault',
      policyText: 'p',
      tokenText: 'not a token',
      at: null,
      options: { flavour: 'openbao' },
    });
  });

  it('round-trips the compared-against configuration of compare mode, and leaves it out otherwise', () => {
    const comparing: Workbench = { ...workbench, before: '{"Version": "2012-10-17", "Statement": []}' };
    expect(readFragment(fragmentOf(comparing))).toEqual({ kind: 'state', workbench: comparing });
    const outcome = readFragment(fragmentOf(workbench));
    expect(outcome.kind === 'state' && 'before' in outcome.workbench).toBe(false);
  });

  it('opens known examples and names an unknown example id', () => {
    for (const example of EXAMPLES) expect(readFragment(`#example=${example.id}`)).toEqual({ kind: 'example', example });
    expect(readFragment('#example=nope')).toEqual({ kind: 'invalid', reason: 'There is no example with id "nope"; nothing was loaded.' });
  });

  it("passes on the engine's refusal and ignores fragments that are not ours", () => {
    expect(readFragment('#s=')).toMatchObject({ kind: 'invalid', reason: expect.stringContaining('nothing was loaded') });
    expect(readFragment('')).toEqual({ kind: 'none' });
    expect(readFragment('#gallery')).toEqual({ kind: 'none' });
  });

  it('round-trips arbitrary claims and policies', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 4 })), fc.string(), (claims, policyText) => {
        const source: Workbench = { ...workbench, policyText, tokenText: JSON.stringify(claims, null, 2) };
        const outcome = readFragment(fragmentOf(source));
        expect(outcome.kind).toBe('state');
        if (outcome.kind === 'state') {
          expect(outcome.workbench.policyText).toBe(policyText);
          expect(JSON.parse(outcome.workbench.tokenText)).toEqual(JSON.parse(source.tokenText));
        }
      }),
      { numRuns: 300 },
    );
  });
});
