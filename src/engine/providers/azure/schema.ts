/** JSON schema for the editor: one credential, an array of them, or a Graph list response. */

const credential = {
  type: 'object',
  description: 'A federated identity credential, as `az ad app federated-credential show` or Microsoft Graph prints it.',
  properties: {
    name: {
      type: 'string',
      description: 'Unique, immutable name: 3–120 characters, alphanumeric, dash or underscore, starting alphanumeric.',
      pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{2,119}$',
    },
    issuer: {
      type: 'string',
      description: "The external identity provider's issuer URL; must equal the token's iss exactly (case-sensitive, no trailing-slash normalisation).",
      maxLength: 600,
      examples: ['https://token.actions.githubusercontent.com', 'https://gitlab.com', 'https://app.terraform.io'],
    },
    subject: {
      type: ['string', 'null'],
      description: "Must equal the token's sub exactly (case-sensitive; wildcards are literal). null when claimsMatchingExpression is set.",
      maxLength: 600,
    },
    audiences: {
      type: 'array',
      description: 'Exactly one audience, usually api://AzureADTokenExchange.',
      items: { type: 'string', maxLength: 600, examples: ['api://AzureADTokenExchange'] },
      minItems: 1,
      maxItems: 1,
    },
    claimsMatchingExpression: {
      type: ['object', 'null'],
      description: "Flexible credential (preview): claims['sub'] matches 'repo:org/repo:ref:refs/heads/*', comparisons joined by and. Mutually exclusive with subject.",
      properties: {
        value: { type: 'string', description: "claims['<name>'] eq|matches '<comparand>' [and …]; matches has * and ?." },
        languageVersion: { const: 1, description: 'Always 1.' },
      },
      required: ['value', 'languageVersion'],
    },
    description: { type: ['string', 'null'], maxLength: 600 },
    id: { type: 'string' },
  },
  required: ['issuer'],
};

export const schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'Microsoft Entra ID federated identity credential(s)',
  oneOf: [
    credential,
    { type: 'array', items: credential, maxItems: 20, description: 'As `az ad app federated-credential list` prints them (at most 20).' },
    {
      type: 'object',
      description: 'A Microsoft Graph list response.',
      properties: { value: { type: 'array', items: credential, maxItems: 20 } },
      required: ['value'],
    },
  ],
};
