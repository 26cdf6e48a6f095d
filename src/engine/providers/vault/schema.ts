/** JSON schema for the editor: role parameters (path_role.go + tokenutil) and the accepted wrappers. */

const stringOrList = (description: string) => ({
  description,
  anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
});
const duration = (description: string) => ({ description, anyOf: [{ type: 'integer' }, { type: 'string' }] });

const claimValue = { anyOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }, { type: 'array', items: { type: ['string', 'number', 'boolean'] } }] };

export const ROLE_SCHEMA = {
  type: 'object',
  properties: {
    role_type: { description: 'Must be "jwt" for CI logins. Omitted, Vault creates an "oidc" role.', enum: ['jwt', 'oidc'] },
    user_claim: { type: 'string', description: 'Required. Claim whose string value becomes the entity alias name, e.g. "user_email".' },
    user_claim_json_pointer: { type: 'boolean', description: 'Read user_claim as a JSON pointer (e.g. "/user/login").' },
    bound_audiences: stringOrList('aud values accepted (any one). Without it, Vault 1.17+ refuses tokens that carry an aud.'),
    bound_subject: { type: 'string', description: 'Exact sub value required (no wildcards).' },
    bound_claims: {
      type: 'object',
      description: 'Claim → required value(s). Every key must match; any listed value may match. Keys starting with "/" are JSON pointers; no dot notation.',
      additionalProperties: claimValue,
    },
    bound_claims_type: { enum: ['string', 'glob'], description: '"string" (default; type and value must be equal) or "glob" (only `*` is special). Omitted on a write, it resets to "string".' },
    claim_mappings: { type: 'object', description: 'Claim → metadata key. "role" is reserved.', additionalProperties: { type: 'string' } },
    groups_claim: { type: 'string', description: 'Claim holding group names (string or list of strings).' },
    expiration_leeway: duration('Used only when the token has no exp. 0 = 150 s, negative = none.'),
    not_before_leeway: duration('Used only when the token has no nbf. 0 = 150 s, negative = none.'),
    clock_skew_leeway: duration('Applied to exp, nbf and iat. 0 = 60 s, negative = none.'),
    allowed_redirect_uris: stringOrList('OIDC roles only; required when role_type is oidc or omitted.'),
    oidc_scopes: stringOrList('OIDC roles only.'),
    verbose_oidc_logging: { type: 'boolean' },
    max_age: duration('OIDC roles only.'),
    token_policies: stringOrList('Policies attached to the Vault token.'),
    policies: stringOrList('Deprecated alias of token_policies.'),
    token_ttl: duration('Initial TTL of the issued token.'),
    token_max_ttl: duration('Maximum TTL of the issued token.'),
    token_explicit_max_ttl: duration('Hard maximum TTL of the issued token.'),
    token_period: duration('Periodic token renewal period.'),
    token_num_uses: { type: 'integer', minimum: 0 },
    token_type: { enum: ['default', 'service', 'batch'] },
    token_no_default_policy: { type: 'boolean' },
    token_bound_cidrs: stringOrList('Client addresses allowed to log in and use the token (403 otherwise).'),
    bound_cidrs: stringOrList('Deprecated alias of token_bound_cidrs.'),
    ttl: duration('Deprecated alias of token_ttl.'),
    max_ttl: duration('Deprecated alias of token_max_ttl.'),
    period: duration('Deprecated alias of token_period.'),
    num_uses: { type: 'integer', description: 'Deprecated alias of token_num_uses.' },
    name: { type: 'string', description: 'Role name (from the path in a `vault write`).' },
  },
};

export const CONFIG_SCHEMA = {
  type: 'object',
  properties: {
    oidc_discovery_url: { type: 'string', description: 'Issuer URL whose discovery document names the JWKS.' },
    oidc_client_id: { type: 'string', description: 'With a client secret this makes an OIDC-flow config, which breaks JWT login in Vault.' },
    oidc_client_secret: { type: 'string' },
    jwks_url: { type: 'string' },
    jwt_validation_pubkeys: stringOrList('PEM public keys.'),
    jwt_supported_algs: stringOrList('Accepted alg values; empty accepts RS/ES/PS 256/384/512 and EdDSA.'),
    bound_issuer: { type: 'string', description: 'Exact iss value required.' },
    default_role: { type: 'string' },
  },
};

export const VAULT_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'Vault / OpenBao JWT auth role',
  anyOf: [
    ROLE_SCHEMA,
    { type: 'object', required: ['data'], properties: { data: ROLE_SCHEMA } },
    { type: 'object', required: ['role'], properties: { config: CONFIG_SCHEMA, role: ROLE_SCHEMA } },
  ],
};
