import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCel } from './cel-source';
import { celEditorRegions } from './editor';
import { looksLikeGcp, parseGcpPolicy } from './parse';
import { provider } from './index';

const describeOutput = {
  name: 'projects/123456789/locations/global/workloadIdentityPools/gh/providers/gh',
  state: 'ACTIVE',
  attributeMapping: { 'google.subject': 'assertion.sub', 'attribute.repository': 'assertion.repository' },
  attributeCondition: "assertion.repository_owner == 'octo-org'",
  oidc: { issuerUri: 'https://token.actions.githubusercontent.com' },
};

describe('parse', () => {
  // The shape `gcloud iam workload-identity-pools providers describe --format=json` prints (REST resource fields).
  it('reads the bare describe output', () => {
    const parsed = parseGcpPolicy(JSON.stringify(describeOutput, null, 2));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.policy.resource).toEqual({ projectNumber: '123456789', poolId: 'gh', providerId: 'gh' });
    expect(parsed.policy.mappings.map((m) => m.key)).toEqual(['google.subject', 'attribute.repository']);
    expect(parsed.policy.iam).toBeUndefined();
    expect(parsed.policy.mappings[1].keyRange).toEqual({ line: 6, column: 5, endLine: 6, endColumn: 27 });
  });

  it('reads {provider, iamPolicy} with ranges for each member', () => {
    const text = JSON.stringify({ provider: describeOutput, iamPolicy: { bindings: [{ role: 'roles/iam.workloadIdentityUser', members: ['a', 'b'] }] } }, null, 2);
    const parsed = parseGcpPolicy(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const member = parsed.policy.iam!.bindings[0].members[1];
    expect(member.value).toBe('b');
    const line = text.split('\n')[member.range!.line - 1];
    expect(line.slice(member.range!.column - 1, member.range!.endColumn - 1)).toBe('"b"');
  });

  it('locates a CEL syntax error at its column inside the JSON string, past escapes', () => {
    const cel = 'assertion.a == "x" &&\n  assertion.b ==';
    const text = `{\n  "attributeMapping": {"google.subject": "assertion.sub"},\n  "attributeCondition": ${JSON.stringify(cel)},\n  "oidc": {"issuerUri": "https://gitlab.com"}\n}`;
    const direct = parseCel(cel);
    expect(direct.ok).toBe(false);
    if (direct.ok) return;
    const parsed = parseGcpPolicy(text);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error.message).toMatch(/^attributeCondition is not valid CEL: /);
    // The JSON text holds `\"` and `\n` escapes before the error: the column still lands on the same character.
    const line = text.split('\n')[parsed.error.source.line - 1];
    expect(parsed.error.source.line).toBe(3);
    expect(line[parsed.error.source.column - 1]).toBe(cel[direct.offset] === '\n' ? '\\' : cel[direct.offset]);
    expect(parsed.error.source.column).toBeGreaterThan(line.indexOf('&&') + 1);
    expect(parsed.error.message).toContain(`line 3, column ${parsed.error.source.column}`);
  });

  it('explains shape errors with a location', () => {
    const bad = parseGcpPolicy('{"attributeMapping": {"google.subject": 3}, "oidc": {"issuerUri": "https://x"}}');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toContain('attributeMapping["google.subject"] must be a string');
    const aws = parseGcpPolicy('{"name": "projects/1/locations/global/workloadIdentityPools/p/providers/a", "aws": {"accountId": "1"}}');
    expect(aws.ok).toBe(false);
    if (!aws.ok) expect(aws.error.message).toContain('Only OIDC providers');
    const name = parseGcpPolicy('{"name": "my-provider", "oidc": {"issuerUri": "https://x"}}');
    expect(name.ok).toBe(false);
  });

  it('detects GCP shapes and not AWS, Vault or Azure ones', () => {
    expect(looksLikeGcp(describeOutput)).toBe(true);
    expect(looksLikeGcp({ provider: describeOutput, iamPolicy: {} })).toBe(true);
    expect(looksLikeGcp({ Version: '2012-10-17', Statement: [] })).toBe(false);
    expect(looksLikeGcp({ role: { bound_audiences: ['x'] }, config: {} })).toBe(false);
    expect(looksLikeGcp({ data: { user_claim: 'sub' } })).toBe(false);
    expect(looksLikeGcp({ issuer: 'https://token.actions.githubusercontent.com', subject: 'repo:o/r:ref:refs/heads/main', audiences: ['api://AzureADTokenExchange'] })).toBe(false);
    expect(looksLikeGcp([describeOutput])).toBe(false);
    expect(provider.detect('', describeOutput)).toBe(true);
  });

  it('never throws on random input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json().map((j) => j), fc.jsonValue().map((v) => JSON.stringify({ provider: v, attributeMapping: v, oidc: v }))), (text) => {
        parseGcpPolicy(text);
        celEditorRegions(text);
      }),
      { numRuns: 500 },
    );
  });
});

describe('editor regions', () => {
  it('returns CEL tokens and the syntax error as ranges of the JSON text', () => {
    const text = '{"attributeMapping": {"google.subject": "assertion.sub"}, "attributeCondition": "a ==", "oidc": {}}';
    const regions = celEditorRegions(text);
    expect(regions).toHaveLength(2);
    const slice = (r: { column: number; endColumn: number }) => text.slice(r.column - 1, r.endColumn - 1);
    expect(regions[0].tokens.map((t) => slice(t.range))).toEqual(['assertion', '.', 'sub']);
    expect(regions[0].error).toBeUndefined();
    expect(regions[1].error).toBeDefined();
  });
});
