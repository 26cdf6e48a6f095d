import { isCelError, parse, plan } from '@bufbuild/cel';
import { describe, expect, it } from 'vitest';
import { gcpCelEnv } from './cel-env';
import { jsonToCel } from './values';

const run = (expr: string, bindings: Record<string, unknown> = {}) => plan(gcpCelEnv(), parse(expr))(bindings as never);
const valueOf = (expr: string, bindings: Record<string, unknown> = {}) => {
  const result = run(expr, bindings);
  if (isCelError(result)) throw new Error(result.message);
  return result;
};

describe('GCP CEL environment', () => {
  // https://docs.cloud.google.com/iam/docs/workload-identity-federation#mapping: split() and join() examples (cel-go ext strings).
  it('has the strings extension used in Google\'s mapping examples', () => {
    expect(valueOf("assertion.email.split('@')[0]", { assertion: { email: 'chris@example.com' } })).toBe('chris');
    expect(valueOf("assertion.department.join('.')", { assertion: { department: ['eng', 'ci'] } })).toBe('eng.ci');
    expect(valueOf("'ABC'.lowerAscii()")).toBe('abc');
  });

  // Same page: extract() in the AWS mapping; wif-go for the no-match result.
  it('has extract() as a string method', () => {
    expect(valueOf("assertion.sub.extract('project_path:{path}:ref_type')", { assertion: { sub: 'project_path:my-group/my-project:ref_type:branch' } })).toBe('my-group/my-project');
    expect(valueOf("'id/123'.extract('foo/{x}')")).toBe('');
    expect(isCelError(run("'abc'.extract('no placeholder')"))).toBe(true);
  });

  // cel-go compiles matches() patterns with RE2: look-arounds are errors, (?i) flags work (gcp.md §2.3).
  it('uses RE2 semantics for matches()', () => {
    const lookahead = run("'refs/heads/main'.matches('^refs/heads/(?!dev)')");
    expect(isCelError(lookahead)).toBe(true);
    expect((lookahead as Error).message).toContain('(?!');
    expect(valueOf("'ABC'.matches('(?i)abc')")).toBe(true);
    // matches() finds a match anywhere, like RE2::PartialMatch in cel-go.
    expect(valueOf("'refs/heads/main'.matches('heads')")).toBe(true);
    expect(valueOf("'refs/heads/main'.matches('^heads')")).toBe(false);
  });

  // Claims are JSON: numbers are doubles (gcp.md §1.3, measured); heterogeneous equality holds, arithmetic with ints does not.
  it('treats JSON numbers as doubles', () => {
    const assertion = jsonToCel({ runner_id: 1, iat: 1681395193 });
    expect(valueOf('assertion.runner_id == 1', { assertion })).toBe(true);
    expect(valueOf('type(assertion.runner_id) == double', { assertion })).toBe(true);
    expect(isCelError(run('assertion.iat + 1', { assertion }))).toBe(true);
  });

  // gcp.md §2.3: string ids never equal ints or bools; google is usable as a variable name.
  it('compares strings with ints and bools as unequal, and binds google', () => {
    const assertion = jsonToCel({ repository_id: '74', ref_protected: 'true' });
    expect(valueOf('assertion.repository_id == 74', { assertion })).toBe(false);
    expect(valueOf('assertion.ref_protected == true', { assertion })).toBe(false);
    expect(valueOf("'admins' in google.groups && google.subject.startsWith('project_path:')", { google: { subject: 'project_path:x', groups: ['admins'] } })).toBe(true);
  });

  it('reports a missing claim as an error that has() avoids', () => {
    const assertion = jsonToCel({ sub: 'x' });
    expect(isCelError(run("assertion.environment == 'prod'", { assertion }))).toBe(true);
    expect(valueOf("has(assertion.environment) && assertion.environment == 'prod'", { assertion })).toBe(false);
    expect(valueOf("assertion.environment == 'prod' || true", { assertion })).toBe(true);
  });

  it('reads prototype-less JSON objects (as the JSON reader produces them)', () => {
    const claims = Object.assign(Object.create(null) as Record<string, unknown>, { sub: 'x', nested: Object.assign(Object.create(null), { a: 'b' }) });
    expect(valueOf('assertion.nested.a', { assertion: jsonToCel(claims) })).toBe('b');
  });
});
