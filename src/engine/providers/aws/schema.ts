/**
 * JSON schema (draft-07, as Monaco's JSON worker reads it) for an IAM role trust policy and the
 * other shapes the parser accepts. Grammar: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
 */
import { ACTION, DOCS } from './messages';

const stringOrStrings = {
  oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' }, minItems: 1 }],
};

const scalar = { type: ['string', 'number', 'boolean'] };

const STRING_OPERATORS = ['StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase', 'StringLike', 'StringNotLike'];
const OTHER_OPERATORS = [
  'NumericEquals',
  'NumericNotEquals',
  'NumericLessThan',
  'NumericLessThanEquals',
  'NumericGreaterThan',
  'NumericGreaterThanEquals',
  'DateEquals',
  'DateNotEquals',
  'DateLessThan',
  'DateLessThanEquals',
  'DateGreaterThan',
  'DateGreaterThanEquals',
  'Bool',
  'BinaryEquals',
  'IpAddress',
  'NotIpAddress',
  'ArnEquals',
  'ArnLike',
  'ArnNotEquals',
  'ArnNotLike',
];

/** Every operator spelling: optional set qualifier, optional IfExists (never on Null). */
export const OPERATOR_PATTERN = `^((ForAllValues|ForAnyValue):)?((${[...STRING_OPERATORS, ...OTHER_OPERATORS].join('|')})(IfExists)?|Null)$`;

const conditionBlock = {
  type: 'object',
  description: 'Condition key → value or list of values. Several keys: AND; several values: OR (NOR under a negated operator).',
  additionalProperties: { oneOf: [scalar, { type: 'array', items: scalar }] },
  propertyNames: { pattern: '^.+$' },
};

const statement = {
  type: 'object',
  required: ['Effect', 'Principal'],
  properties: {
    Sid: { type: 'string', pattern: '^[A-Za-z0-9]*$', description: 'Statement ID: letters and digits only.' },
    Effect: { enum: ['Allow', 'Deny'] },
    Principal: {
      description: 'For web identity: {"Federated": "arn:aws:iam::<account>:oidc-provider/<issuer host and path>"}.',
      oneOf: [
        { const: '*' },
        {
          type: 'object',
          properties: { Federated: stringOrStrings, AWS: stringOrStrings, Service: stringOrStrings, CanonicalUser: stringOrStrings },
          additionalProperties: false,
        },
      ],
    },
    Action: { ...stringOrStrings, description: `Usually "${ACTION}"; add "sts:TagSession" / "sts:SetSourceIdentity" when the token carries session tags or a source identity.` },
    NotAction: stringOrStrings,
    Condition: {
      type: 'object',
      description: 'Condition operators (AND). Keys read the token as <issuer without https://>:<claim>.',
      propertyNames: { pattern: OPERATOR_PATTERN },
      additionalProperties: conditionBlock,
    },
    NotPrincipal: { not: {}, description: 'Role trust policies do not support NotPrincipal.' },
    Resource: { not: {}, description: 'Role trust policies cannot specify a resource.' },
    NotResource: { not: {}, description: 'Role trust policies cannot specify a resource.' },
  },
  oneOf: [{ required: ['Action'] }, { required: ['NotAction'] }],
  additionalProperties: false,
};

const trustPolicy = {
  type: 'object',
  required: ['Statement'],
  properties: {
    Version: { enum: ['2012-10-17', '2008-10-17'], description: 'Use 2012-10-17: without it, ${…} policy variables are literal text.' },
    Id: { type: 'string' },
    Statement: { oneOf: [statement, { type: 'array', items: statement, minItems: 1 }] },
  },
  additionalProperties: false,
};

const policyDocument = { oneOf: [trustPolicy, { type: 'string', description: 'URL-encoded policy document, as the IAM API returns it.' }] };

const oidcProvider = {
  type: 'object',
  description: 'aws iam get-open-id-connect-provider output.',
  properties: {
    Url: { type: 'string' },
    ClientIDList: { type: 'array', items: { type: 'string' } },
    ThumbprintList: { type: 'array', items: { type: 'string' } },
  },
};

export const trustPolicySchema: object = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'inmemory://schemas/aws-trust-policy.json',
  title: 'AWS IAM role trust policy',
  description: `A role trust policy (${DOCS.grammar}), aws iam get-role output, or {"TrustPolicy": …, "OpenIDConnectProvider": …}.`,
  anyOf: [
    trustPolicy,
    {
      type: 'object',
      required: ['Role'],
      properties: { Role: { type: 'object', required: ['AssumeRolePolicyDocument'], properties: { AssumeRolePolicyDocument: policyDocument } }, OpenIDConnectProvider: oidcProvider },
    },
    {
      type: 'object',
      properties: {
        TrustPolicy: policyDocument,
        AssumeRolePolicyDocument: policyDocument,
        OpenIDConnectProvider: oidcProvider,
        OpenIDConnectProviders: { type: 'array', items: oidcProvider },
      },
      anyOf: [{ required: ['TrustPolicy'] }, { required: ['AssumeRolePolicyDocument'] }],
    },
  ],
};
