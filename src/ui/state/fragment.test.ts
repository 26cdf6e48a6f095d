import fc from 'fast-check';
import { compressToEncodedURIComponent } from 'lz-string';
import { describe, expect, it } from 'vitest';
import { shareStateOf } from '../share/state';
import { encodeFragment, readFragment } from './fragment';
import type { Workbench } from './workbench';

const workbench: Workbench = {
  provider: 'aws',
  policyText: '{"Version": "2012-10-17"}',
  tokenText: '{\n  "iss": "https://gitlab.com",\n  "sub": "project_path:g/p:ref_type:branch:ref:main"\n}',
  at: 1_700_000_000,
  options: {},
};

const encode = (value: unknown) => `#s=${compressToEncodedURIComponent(JSON.stringify(value))}`;

describe('URL fragment state (WEB.md)', () => {
  it('round-trips a workbench with crafted claims', () => {
    const outcome = readFragment(encodeFragment(shareStateOf(workbench)));
    expect(outcome).toEqual({ kind: 'state', workbench });
  });

  it('leaves the signature out unless asked', () => {
    const jws = 'eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJodHRwczovL2dpdGxhYi5jb20ifQ.c2lnbmF0dXJl';
    expect(shareStateOf({ ...workbench, tokenText: `Bearer ${jws}\n` }).token).toBe('eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJodHRwczovL2dpdGxhYi5jb20ifQ.');
    expect(shareStateOf({ ...workbench, tokenText: jws }, true).token).toBe(jws);
    expect(shareStateOf({ ...workbench, tokenText: jws }).claims).toBeNull();
  });

  it('refuses unknown versions, providers and shapes with a reason', () => {
    const base = { v: 1, provider: 'aws', policy: '{}', claims: {}, token: null, at: null };
    expect(readFragment(encode({ ...base, v: 2 }))).toMatchObject({ kind: 'invalid', reason: expect.stringContaining('version 2') });
    expect(readFragment(encode({ ...base, provider: 'oci' }))).toMatchObject({ kind: 'invalid', reason: expect.stringContaining('unknown provider') });
    expect(readFragment(encode({ ...base, token: 'a.b.c' }))).toMatchObject({ kind: 'invalid', reason: expect.stringContaining('exactly one') });
    expect(readFragment(encode({ ...base, at: 'soon' }))).toMatchObject({ kind: 'invalid' });
    expect(readFragment('#s=')).toMatchObject({ kind: 'invalid' });
    expect(readFragment('#whatever')).toMatchObject({ kind: 'invalid' });
    expect(readFragment('')).toEqual({ kind: 'none' });
  });

  it('names an unknown example id', () => {
    expect(readFragment('#example=nope')).toEqual({ kind: 'invalid', reason: 'there is no example with id "nope"' });
  });

  it('never throws on arbitrary fragments', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const outcome = readFragment(`#s=${text}`);
        expect(['state', 'invalid']).toContain(outcome.kind);
      }),
      { numRuns: 2000 },
    );
  });

  it('round-trips arbitrary claims and policies', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), fc.string(), (claims, policyText) => {
        const source: Workbench = { ...workbench, policyText, tokenText: JSON.stringify(claims, null, 2) };
        const outcome = readFragment(encodeFragment(shareStateOf(source)));
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

describe('redaction for sharing', () => {
  it('masks identifying claims and keeps the ones configurations bind', async () => {
    const { redactIdentifying } = await import('../share/state');
    const { claims, redacted } = redactIdentifying({ jti: 'abc', sha: 'f00', user_email: 'a@b.c', runner_id: 7, project_id: '22', sub: 's', job_id: '9' });
    expect(claims).toEqual({ jti: 'redacted', sha: 'redacted', user_email: 'redacted', runner_id: 7, project_id: '22', sub: 's', job_id: 'redacted' });
    expect(redacted).toEqual(['jti', 'sha', 'user_email', 'job_id']);
  });
});
