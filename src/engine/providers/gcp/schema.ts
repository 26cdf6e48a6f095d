/**
 * JSON schema for the editor: the provider as `gcloud iam workload-identity-pools providers
 * describe --format=json` prints it (REST resource WorkloadIdentityPoolProvider), alone or with a
 * `get-iam-policy --format=json` document.
 * https://cloud.google.com/iam/docs/reference/rest/v1/projects.locations.workloadIdentityPools.providers
 */
const CEL_NOTE = 'A CEL expression (Common Expression Language).';

export const providerSchema = {
  type: 'object',
  description: 'A workload identity pool provider (OIDC).',
  properties: {
    name: {
      type: 'string',
      description: 'Resource name: projects/PROJECT_NUMBER/locations/global/workloadIdentityPools/POOL_ID/providers/PROVIDER_ID. The project NUMBER, not the project ID.',
      pattern: '^projects/[^/]+/locations/global/workloadIdentityPools/[^/]+/providers/[^/]+$',
    },
    displayName: { type: 'string', maxLength: 32 },
    description: { type: 'string', maxLength: 256 },
    state: { type: 'string', enum: ['STATE_UNSPECIFIED', 'ACTIVE', 'DELETED'] },
    disabled: { type: 'boolean', description: 'A disabled provider exchanges no tokens.' },
    attributeMapping: {
      type: 'object',
      description: 'Target attribute → CEL expression over `assertion` (the token claims). google.subject is required (≤127 bytes); google.groups is a list of strings; custom attributes are attribute.NAME with NAME in [a-z0-9_] (≤100 characters, ≤50 of them). Each expression ≤2048 characters.',
      properties: {
        'google.subject': { type: 'string', maxLength: 2048, description: `Required. ${CEL_NOTE} Usually assertion.sub.` },
        'google.groups': { type: 'string', maxLength: 2048, description: `${CEL_NOTE} Must give a list of strings.` },
      },
      patternProperties: { '^attribute\\.[a-z0-9_]{1,100}$': { type: 'string', maxLength: 2048, description: `${CEL_NOTE} Must give a string.` } },
      additionalProperties: false,
      required: ['google.subject'],
    },
    attributeCondition: {
      type: 'string',
      maxLength: 4096,
      description: `${CEL_NOTE} Over assertion, google and attribute; must be true for a token to be accepted. Required by Google for GitHub, GitLab.com and Terraform Cloud issuers.`,
    },
    oidc: {
      type: 'object',
      properties: {
        issuerUri: { type: 'string', pattern: '^https://', description: 'The token issuer (iss), HTTPS.' },
        allowedAudiences: {
          type: 'array',
          maxItems: 10,
          items: { type: 'string', maxLength: 256 },
          description: 'Accepted aud values. Empty: aud must be the provider resource name, //iam.googleapis.com/… or https://iam.googleapis.com/….',
        },
        jwksJson: { type: 'string', description: 'Uploaded JWKS (RSA/EC keys); otherwise keys come from the issuer\'s discovery document.' },
      },
      required: ['issuerUri'],
    },
    aws: { type: 'object' },
    saml: { type: 'object' },
    expireTime: { type: 'string' },
  },
  required: ['oidc'],
};

const iamPolicySchema = {
  type: 'object',
  description: 'An IAM policy as get-iam-policy --format=json prints it (e.g. on the service account to impersonate).',
  properties: {
    version: { type: 'integer' },
    etag: { type: 'string' },
    bindings: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          role: { type: 'string', description: 'Usually roles/iam.workloadIdentityUser.' },
          members: {
            type: 'array',
            items: {
              type: 'string',
              description:
                'principal://iam.googleapis.com/projects/NUMBER/locations/global/workloadIdentityPools/POOL/subject/SUBJECT, or principalSet://…/POOL/group/GROUP, principalSet://…/POOL/attribute.NAME/VALUE, principalSet://…/POOL/*',
            },
          },
          condition: { type: 'object' },
        },
        required: ['role', 'members'],
      },
    },
  },
};

export const wrappedSchema = {
  type: 'object',
  properties: { provider: providerSchema, iamPolicy: iamPolicySchema },
  required: ['provider'],
  additionalProperties: false,
};

export const bareSchema = { ...providerSchema, not: { required: ['provider'] } };

export const gcpProviderSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'Google Cloud workload identity pool provider',
  oneOf: [wrappedSchema, bareSchema],
};
