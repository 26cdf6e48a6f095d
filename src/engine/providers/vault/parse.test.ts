import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectProvider } from '../../evaluate';
import { detectVault, parseVaultPolicy, type VaultPolicy } from './parse';
import { splitCommands } from './shell';

function parsed(text: string): VaultPolicy {
  const outcome = parseVaultPolicy(text);
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.policy;
}
const field = (policy: VaultPolicy, key: string) => policy.role.find((e) => e.key === key);

describe('parse: JSON shapes', () => {
  it('reads `vault read -format=json` output', () => {
    const policy = parsed('{"request_id": "x", "data": {"role_type": "jwt", "user_claim": "sub", "bound_claims": {"project_id": 22}}}');
    expect(policy.shape).toBe('read');
    expect(field(policy, 'role_type')?.value.go).toEqual({ kind: 'string', value: 'jwt' });
  });
  it('reads bare parameters and {config, role}', () => {
    expect(parsed('{"user_claim": "sub"}').shape).toBe('bare');
    const both = parsed('{"config": {"bound_issuer": "https://x"}, "role": {"user_claim": "sub"}}');
    expect(both.shape).toBe('config-and-role');
    expect(both.config?.[0].key).toBe('bound_issuer');
  });
  it('keeps number lexemes (Vault json.Number): 22, 22.0 and 2.2e1 differ', () => {
    const policy = parsed('{"bound_claims": {"a": 22, "b": 22.0, "c": 2.2e1, "d": true, "e": "22"}}');
    const claims = field(policy, 'bound_claims')!.value.entries!;
    expect(claims.map((c) => c.value.go)).toEqual([
      { kind: 'number', text: '22' },
      { kind: 'number', text: '22.0' },
      { kind: 'number', text: '2.2e1' },
      { kind: 'bool', value: true },
      { kind: 'string', value: '22' },
    ]);
  });
  it('gives every key a source range', () => {
    const policy = parsed('{\n  "user_claim": "sub",\n  "bound_claims": {\n    "ref": "main"\n  }\n}');
    expect(field(policy, 'user_claim')!.range).toEqual({ line: 2, column: 3, endLine: 2, endColumn: 22 });
    expect(field(policy, 'bound_claims')!.value.entries![0].keyRange).toMatchObject({ line: 4, column: 5 });
  });
  it('keeps the last of duplicate keys, as encoding/json does', () => {
    expect(field(parsed('{"user_claim": "a", "user_claim": "b"}'), 'user_claim')!.value.go).toEqual({ kind: 'string', value: 'b' });
  });
  it('reports malformed JSON with a location', () => {
    const outcome = parseVaultPolicy('{"user_claim": }');
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error.message).toMatch(/line 1, column/);
  });
});

describe('parse: vault write command lines', () => {
  it('reads key=value arguments as strings with ranges, and the role name from the path', () => {
    const text = 'vault write auth/jwt/role/My-Role role_type=jwt user_claim=user_email \\\n  bound_audiences="https://vault.example.com" policies=a policies=b';
    const policy = parsed(text);
    expect(policy.shape).toBe('write');
    expect(policy.roleName).toBe('my-role');
    expect(field(policy, 'bound_audiences')!.value.go).toEqual({ kind: 'string', value: 'https://vault.example.com' });
    expect(field(policy, 'policies')!.value.go).toEqual({ kind: 'list', items: [{ kind: 'string', value: 'a' }, { kind: 'string', value: 'b' }] });
    expect(field(policy, 'user_claim')!.keyRange).toMatchObject({ line: 1, column: 49 });
    expect(field(policy, 'bound_audiences')!.range.line).toBe(2);
  });
  it('reads the heredoc JSON form, keeping lexemes and locating keys in the whole text', () => {
    const text = '$ vault write auth/jwt/role/x - <<EOF\n{\n  "user_claim": "sub",\n  "bound_claims": {"runner_id": 7.0}\n}\nEOF\n';
    const policy = parsed(text);
    expect(field(policy, 'user_claim')!.range.line).toBe(3);
    expect(field(policy, 'bound_claims')!.value.entries![0].value.go).toEqual({ kind: 'number', text: '7.0' });
  });
  it('reads <<-EOF and quoted delimiters, a config write, and skips other commands', () => {
    const text = [
      'export VAULT_ADDR=https://vault.example.com',
      'vault auth enable jwt',
      'vault write auth/jwt/config oidc_discovery_url="https://gitlab.example.com" bound_issuer="https://gitlab.example.com"',
      "vault write auth/jwt/role/x -<<-'END'",
      '\t{"user_claim": "sub"}',
      '\tEND',
    ].join('\n');
    const policy = parsed(text);
    expect(policy.config?.map((e) => e.key)).toEqual(['oidc_discovery_url', 'bound_issuer']);
    expect(field(policy, 'user_claim')).toBeDefined();
  });
  it('refuses @file values and a bare word, with Vault CLI wording', () => {
    const file = parseVaultPolicy('vault write auth/jwt/role/x user_claim=@claim.txt');
    expect(file.ok).toBe(false);
    const bare = parseVaultPolicy('vault write auth/jwt/role/x user_claim');
    expect(bare.ok || bare.error.message).toBe('format must be key=value');
  });
  it('splits commands on newlines, ; and &&, honouring quotes', () => {
    const commands = splitCommands("a 'b c'; d \"e;f\" && g\nh");
    expect(commands.map((c) => c.words.map((w) => w.text))).toEqual([['a', 'b c'], ['d', 'e;f'], ['g'], ['h']]);
  });
});

describe('detect', () => {
  it('recognises every Vault shape, and nothing else', () => {
    expect(detectVault('', { data: { user_claim: 'x' } })).toBe(true);
    expect(detectVault('', { role: { bound_claims: {} }, config: {} })).toBe(true);
    expect(detectVault('', { role_type: 'jwt' })).toBe(true);
    expect(detectVault('vault write auth/jwt/role/x user_claim=sub', undefined)).toBe(true);
    expect(detectVault('', { Version: '2012-10-17', Statement: [] })).toBe(false);
    expect(detectVault('', { Role: { AssumeRolePolicyDocument: {} } })).toBe(false);
    expect(detectVault('', { name: 'projects/1/locations/global/workloadIdentityPools/p/providers/x', oidc: { issuerUri: 'x' }, attributeMapping: {} })).toBe(false);
    expect(detectVault('', { issuer: 'x', subject: 'y', audiences: ['api://AzureADTokenExchange'] })).toBe(false);
    expect(detectVault('', { data: { Statement: [] } })).toBe(false);
  });
  it('lets the engine pick vault for a vault write text', () => {
    expect(detectProvider('vault write auth/jwt/role/x role_type=jwt user_claim=sub bound_subject=y')).toEqual({ ok: true, provider: 'vault' });
  });
});

describe('parsers never throw', () => {
  it('on random text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (text) => {
      parseVaultPolicy(text);
      detectVault(text, undefined);
      splitCommands(text);
    }), { numRuns: 1000 });
  });
  it('on random vault write lines and JSON roles', () => {
    const piece = fc.constantFrom('vault', 'write', 'auth/jwt/role/x', '-', '<<EOF', 'EOF', '\n', ' ', '"', "'", '\\', 'a=b', '{', '}', '"k": 1', ',', '=', '@f', ';', '&&', '<<-X', 'X');
    fc.assert(fc.property(fc.array(piece, { maxLength: 30 }), (parts) => {
      const text = parts.join('');
      parseVaultPolicy(text);
      parseVaultPolicy(`vault write auth/jwt/role/x ${text}`);
    }), { numRuns: 1000 });
    fc.assert(fc.property(fc.json(), (json) => {
      parseVaultPolicy(json);
      parseVaultPolicy(`{"role": ${json}}`);
    }), { numRuns: 500 });
  });
});
