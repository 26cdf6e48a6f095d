/**
 * Findings about a role on its own: what Vault would refuse, what it silently drops, and what lets
 * more jobs in than intended. Each finding names its source.
 */
import type { Finding } from '../../result';
import { readConfig } from './config';
import { roleFields } from './fields';
import { entryOf, type LocatedEntry } from './located';
import type { VaultPolicy } from './parse';
import { parseAddress, writeRole } from './validate-role';
import type { GoValue } from './value';

const PLUGIN = 'https://github.com/hashicorp/vault-plugin-auth-jwt/blob/main';
const REF = {
  login: `${PLUGIN}/path_login.go`,
  claims: `${PLUGIN}/claims.go`,
  role: `${PLUGIN}/path_role.go`,
  backend: `${PLUGIN}/backend.go`,
  framework: 'https://github.com/hashicorp/vault/blob/main/sdk/framework/backend.go',
  capTime: 'https://github.com/hashicorp/cap/blob/v0.13.0/jwt/jwt.go',
  gitlabVault: 'https://docs.gitlab.com/ci/secrets/hashicorp_vault/',
  gitlabClaims: 'https://docs.gitlab.com/ci/secrets/id_token_authentication/',
  sockaddr: 'https://github.com/hashicorp/go-sockaddr/blob/master/sockaddr.go',
};

/** Claims CI providers issue as strings (GitLab jwt_v2.rb, GitHub's OIDC token reference). */
const STRING_CLAIMS = new Set([
  'namespace_id', 'namespace_path', 'project_id', 'project_path', 'user_id', 'user_login', 'user_email', 'user_access_level',
  'pipeline_id', 'pipeline_source', 'job_id', 'ref', 'ref_type', 'ref_path', 'ref_protected', 'environment',
  'environment_protected', 'deployment_tier', 'environment_action', 'runner_environment', 'sha', 'project_visibility',
  'ci_config_ref_uri', 'ci_config_sha', 'job_project_id', 'job_project_path', 'job_namespace_id', 'job_namespace_path',
  'repository', 'repository_id', 'repository_owner', 'repository_owner_id', 'actor', 'actor_id', 'run_id', 'run_number',
  'run_attempt', 'workflow', 'job_workflow_ref', 'event_name', 'base_ref', 'head_ref', 'repository_visibility',
]);

/** Names an owner can change (rename, transfer, re-register), unlike the numeric ids. */
const MUTABLE_CLAIMS = new Set(['project_path', 'namespace_path', 'user_login', 'user_email', 'job_project_path', 'job_namespace_path', 'repository', 'repository_owner', 'actor', 'groups_direct']);
const IMMUTABLE_CLAIMS = new Set(['project_id', 'namespace_id', 'user_id', 'job_project_id', 'job_namespace_id', 'repository_id', 'repository_owner_id', 'actor_id']);
const PATH_LIKE_CLAIMS = new Set(['project_path', 'namespace_path', 'job_project_path', 'job_namespace_path', 'repository', 'sub']);
const REF_LIKE_CLAIMS = new Set(['ref', 'ref_path', 'base_ref', 'head_ref', 'environment']);

export function lintVaultPolicy(policy: VaultPolicy): Finding[] {
  const findings: Finding[] = [];
  const add = (finding: Finding) => findings.push(finding);
  const role = policy.role;
  const field = (key: string) => entryOf(role, key);

  for (const note of policy.notes) add({ id: 'vault.input', severity: 'info', message: note.message, source: note.source, reference: 'https://developer.hashicorp.com/vault/docs/commands/write' });

  const write = writeRole(role, 'vault');
  if (!write.ok) {
    add({
      id: 'vault.write-rejected',
      severity: 'critical',
      message: `Vault refuses to save this role: ${write.message}`,
      source: write.source ?? policy.roleRange,
      reference: write.message.startsWith('Field validation failed') ? REF.framework : REF.role,
    });
  }

  // Unknown fields: the framework ignores them, and a successful write without warnings says nothing.
  const known = { ...roleFields('vault'), ...roleFields('openbao') };
  for (const entry of role) {
    if (Object.hasOwn(known, entry.key)) continue;
    const nearest = nearestField(entry.key, Object.keys(known));
    const openbaoOnly = Object.hasOwn(roleFields('openbao'), entry.key) && !Object.hasOwn(roleFields('vault'), entry.key);
    if (openbaoOnly) continue;
    add({
      id: 'vault.unknown-field',
      severity: nearest && nearest.startsWith('bound_') ? 'high' : 'medium',
      message: `Vault does not know "${entry.key}" and drops it without a word${nearest ? ` — did you mean "${nearest}"?` : '.'}${nearest?.startsWith('bound_') ? ' As written, this constraint is not enforced.' : ''}`,
      source: entry.keyRange,
      reference: REF.framework,
    });
  }
  for (const key of ['oauth2_metadata', 'callback_mode', 'poll_interval', 'token_policies_template_claims']) {
    const entry = field(key);
    if (entry) add({ id: 'vault.openbao-only-field', severity: 'low', message: `"${key}" exists only in OpenBao; HashiCorp Vault ignores it.`, source: entry.keyRange, reference: 'https://github.com/openbao/openbao/blob/main/builtin/credential/jwt/path_role.go' });
  }

  const roleType = field('role_type');
  if (!roleType) {
    add({
      id: 'vault.role-type-omitted',
      severity: 'medium',
      message: 'role_type is omitted: Vault then creates an "oidc" role (which needs allowed_redirect_uris and refuses JWT login), and every later write without role_type turns the role back into oidc. Write role_type="jwt".',
      source: policy.roleRange,
      reference: REF.role,
    });
  }

  const audiences = field('bound_audiences');
  if (!audiences || isEmpty(audiences.value.go)) {
    add({
      id: 'vault.no-bound-audiences',
      severity: 'high',
      message: 'No bound_audiences: since Vault 1.17 (plugin v0.20.3) every token that carries an aud is refused with "audience claim found in JWT but no audiences bound to the role"; on older Vault any token for any audience from this issuer is accepted. Bind the aud your CI job requests.',
      source: audiences?.range ?? policy.roleRange,
      reference: REF.login,
    });
  }

  const boundClaims = field('bound_claims');
  const boundEntries = boundClaims?.value.entries ?? [];
  const typeEntry = field('bound_claims_type');
  const mode = typeEntry?.value.go.kind === 'string' ? typeEntry.value.go.value : 'string';
  lintBoundClaims(boundEntries, mode, typeEntry, policy, add);

  const userClaim = field('user_claim');
  const pointer = field('user_claim_json_pointer');
  if (userClaim?.value.go.kind === 'string' && userClaim.value.go.value.startsWith('/') && !(pointer && truthy(pointer.value.go))) {
    add({
      id: 'vault.user-claim-literal',
      severity: 'medium',
      message: `user_claim "${userClaim.value.go.value}" looks like a JSON pointer, but user_claim_json_pointer is not true: Vault looks up the literal key "${userClaim.value.go.value}".`,
      source: userClaim.range,
      reference: REF.login,
    });
  }

  for (const key of ['expiration_leeway', 'not_before_leeway']) {
    const entry = field(key);
    if (entry && !isZero(entry.value.go)) {
      add({
        id: 'vault.leeway-unused',
        severity: 'info',
        message: `${key} only applies when the token lacks ${key === 'expiration_leeway' ? 'exp' : 'nbf'}; GitLab and GitHub tokens carry iat, nbf and exp, so only clock_skew_leeway changes anything for them.`,
        source: entry.range,
        reference: REF.capTime,
      });
    }
  }

  for (const key of ['token_bound_cidrs', 'bound_cidrs']) {
    const entry = field(key);
    const items = entry ? stringItems(entry.value.go) : [];
    for (const item of items) {
      if (parseAddress(item.trim()) === 'unix-socket') {
        add({ id: 'vault.cidr-unix-socket', severity: 'medium', message: `"${item}" is not a valid IP or CIDR; Vault stores it as a UNIX socket address, which no client address ever matches.`, source: entry!.range, reference: REF.sockaddr });
      }
    }
  }

  if (policy.config) {
    const config = readConfig(policy.config, 'vault');
    if (config.ok && config.config.authType === 'oidc-flow') {
      add({
        id: 'vault.oidc-flow-config',
        severity: 'high',
        message: 'The config sets oidc_discovery_url with oidc_client_id and oidc_client_secret: in HashiCorp Vault every jwt-role login then fails with "error configuring token validator: unsupported config type" (OpenBao handles it). Use a separate mount for JWT login.',
        source: entryOf(policy.config, 'oidc_client_id')?.range ?? policy.configRange ?? undefined,
        reference: REF.backend,
      });
    }
  } else {
    add({
      id: 'vault.no-config',
      severity: 'info',
      message: 'No auth method config given: bound_issuer and the key source are not checked. Use {"config": {…}, "role": {…}} to include them.',
      source: policy.roleRange,
      reference: `${PLUGIN}/path_config.go`,
    });
  }
  return findings;
}

function lintBoundClaims(
  entries: LocatedEntry[],
  mode: string,
  typeEntry: LocatedEntry | undefined,
  policy: VaultPolicy,
  add: (finding: Finding) => void,
): void {
  const keys = new Set(entries.map((e) => e.key));
  for (const entry of entries) {
    const values = entry.value.items?.map((i) => i.go) ?? [entry.value.go];
    if (entry.value.go.kind === 'list' && entry.value.go.items.length === 0) {
      add({ id: 'vault.empty-bound-claim', severity: 'medium', message: `bound_claims "${entry.key}" is an empty list: no token can ever match it.`, source: entry.range, reference: REF.claims });
    }
    if (STRING_CLAIMS.has(entry.key) && mode !== 'glob') {
      const typed = values.find((v) => v.kind === 'number' || v.kind === 'bool');
      if (typed) {
        const text = typed.kind === 'number' ? typed.text : String((typed as { value: boolean }).value);
        add({
          id: 'vault.typed-bound-claim',
          severity: 'high',
          message: `bound_claims "${entry.key}" is the ${typed.kind === 'number' ? 'number' : 'boolean'} ${text}, but CI tokens carry "${entry.key}" as a string: Vault compares type and value, so ${text} never matches "${text}". Write "${text}".`,
          source: entry.range,
          reference: REF.claims,
        });
      }
    }
    const lexeme = values.find((v) => v.kind === 'number' && !/^-?(0|[1-9]\d*)$/.test(v.text));
    if (lexeme && lexeme.kind === 'number') {
      add({
        id: 'vault.number-lexeme',
        severity: 'medium',
        message: `bound_claims "${entry.key}" is written ${lexeme.text}: Vault compares role numbers as their text, and token numbers become integer text, so ${lexeme.text} never matches.`,
        source: entry.range,
        reference: REF.claims,
      });
    }
    if (!entry.key.startsWith('/') && entry.key.includes('.')) {
      add({ id: 'vault.dot-notation', severity: 'medium', message: `"${entry.key}" is read as one literal claim name: Vault has no dot notation; nested claims need a JSON pointer such as "/${entry.key.split('.').join('/')}".`, source: entry.keyRange, reference: REF.claims });
    }
    const stars = values.some((v) => v.kind === 'string' && v.value.includes('*'));
    if (stars && mode === 'glob' && (PATH_LIKE_CLAIMS.has(entry.key) || REF_LIKE_CLAIMS.has(entry.key))) {
      const path = PATH_LIKE_CLAIMS.has(entry.key);
      add({
        id: 'vault.glob-on-path',
        severity: path ? 'high' : 'medium',
        message: path
          ? `Glob \`*\` on "${entry.key}" matches any run of characters including "/": it admits every project under that prefix, nested subgroups and projects created later included.`
          : `Glob \`*\` on "${entry.key}": anyone who can push a matching branch or tag name gets in${keys.has('ref_protected') ? '' : ', and the role does not require ref_protected'}.`,
        source: entry.range,
        reference: REF.gitlabVault,
      });
    }
    if (stars && mode !== 'glob') {
      add({
        id: 'vault.star-in-string-mode',
        severity: 'high',
        message: `bound_claims "${entry.key}" contains \`*\` but bound_claims_type is ${typeEntry ? `"${mode}"` : 'omitted (so "string")'}: \`*\` is a literal character here.`,
        source: entry.range,
        reference: REF.role,
      });
    }
  }
  if ([...keys].some((k) => MUTABLE_CLAIMS.has(k)) && ![...keys].some((k) => IMMUTABLE_CLAIMS.has(k))) {
    add({
      id: 'vault.mutable-names-only',
      severity: 'medium',
      message: `bound_claims identify the project or user only by names (${[...keys].filter((k) => MUTABLE_CLAIMS.has(k)).join(', ')}), which change on rename or transfer and can be re-registered by someone else. Bind the numeric id too (project_id, namespace_id, user_id).`,
      source: entries[0].range,
      reference: REF.gitlabClaims,
    });
  }
  if ((keys.has('ref') || keys.has('ref_path')) && !keys.has('ref_protected') && (keys.has('project_id') || keys.has('project_path') || keys.has('namespace_id') || keys.has('namespace_path'))) {
    const entry = entries.find((e) => e.key === 'ref' || e.key === 'ref_path')!;
    add({
      id: 'vault.missing-ref-protected',
      severity: 'medium',
      message: 'The role binds a ref but not ref_protected: any developer who can push a branch with that name gets in. Add "ref_protected": "true" (a string).',
      source: entry.range,
      reference: REF.gitlabVault,
    });
  }
  if (typeEntry && mode === 'glob' && (policy.shape === 'write' || policy.shape === 'bare')) {
    add({
      id: 'vault.bound-claims-type-reset',
      severity: 'info',
      message: 'Every later write to this role must repeat bound_claims_type="glob": a write that omits it resets the role to "string" mode, where `*` is literal.',
      source: typeEntry.range,
      reference: REF.role,
    });
  }
}

function isEmpty(value: GoValue): boolean {
  if (value.kind === 'nil') return true;
  if (value.kind === 'string') return value.value.trim() === '';
  if (value.kind === 'list') return value.items.length === 0;
  return false;
}

function isZero(value: GoValue): boolean {
  if (value.kind === 'number') return Number(value.text) === 0;
  if (value.kind === 'string') return value.value === '' || value.value === '0';
  return value.kind === 'nil';
}

function truthy(value: GoValue): boolean {
  if (value.kind === 'bool') return value.value;
  if (value.kind === 'string' || value.kind === 'number') return ['1', 't', 'T', 'true', 'TRUE', 'True'].includes(value.kind === 'string' ? value.value : value.text);
  return false;
}

function stringItems(value: GoValue): string[] {
  if (value.kind === 'string') return value.value.split(',').filter((s) => s.trim() !== '');
  if (value.kind === 'list') return value.items.flatMap((item) => (item.kind === 'string' ? [item.value] : []));
  return [];
}

function nearestField(key: string, fields: string[]): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of fields) {
    const distance = editDistance(key.toLowerCase(), candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(key.length / 5)) ? best : null;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length];
}
