/**
 * The trust policies IAM refuses to hold. A refused policy cannot be evaluated: the result is an
 * `error` with IAM's `MalformedPolicyDocument` text (and Access Analyzer's wording where IAM's own
 * is not published), located at the offending element.
 * Sources: reference_policies_grammar, reference_policies_elements_notprincipal, the Access Analyzer
 * policy-check reference, and the IAM API errors quoted in aws.md §3.
 */
import type { JSONPath } from '../../json';
import { config } from './messages';
import { parseOperator } from './operators';
import { isBuiltInProvider } from './principal';

export interface ConfigError {
  message: string;
  path: JSONPath;
}

export const VERSIONS = ['2008-10-17', '2012-10-17'];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringOrStrings(value: unknown): boolean {
  return typeof value === 'string' || (Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'string'));
}

function isScalar(value: unknown): boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

export function statementPaths(document: Record<string, unknown>): Array<{ value: unknown; path: JSONPath }> {
  const statement = document.Statement;
  if (Array.isArray(statement)) return statement.map((value, index) => ({ value, path: ['Statement', index] }));
  if (statement === undefined) return [];
  return [{ value: statement, path: ['Statement'] }];
}

const OIDC_OR_SAML_ARN = /^arn:aws[a-z-]*:iam::\d{12}:(oidc-provider|saml-provider)\/[^*?]+$/;
const DOMAIN_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

/** "Federated principals must be valid domain names or SAML metadata ARNs" (IAM); OIDC provider ARNs too. */
export function isValidFederated(value: string): boolean {
  return OIDC_OR_SAML_ARN.test(value) || DOMAIN_NAME.test(value) || isBuiltInProvider(value);
}

function validatePrincipal(principal: unknown, path: JSONPath): ConfigError | null {
  if (principal === '*') return null;
  if (!isObject(principal)) return { message: config.invalidPrincipal(JSON.stringify(principal)), path };
  for (const [kind, value] of Object.entries(principal)) {
    if (!['AWS', 'Federated', 'Service', 'CanonicalUser'].includes(kind) || !isStringOrStrings(value)) {
      return { message: config.invalidPrincipal(`${JSON.stringify(kind)}:${JSON.stringify(value)}`), path: [...path, kind] };
    }
    if (kind === 'Federated') {
      for (const entry of Array.isArray(value) ? (value as string[]) : [value as string]) {
        if (!isValidFederated(entry)) return { message: config.federatedSyntax(entry), path: [...path, kind] };
      }
    }
  }
  return null;
}

function validateCondition(condition: unknown, path: JSONPath): ConfigError | null {
  if (!isObject(condition)) return { message: config.syntax('Condition must be an object of condition operators.'), path };
  for (const [operatorText, block] of Object.entries(condition)) {
    const parsed = parseOperator(operatorText);
    if (!parsed.ok) {
      return { message: parsed.reason === 'null-if-exists' ? config.nullIfExists : config.invalidOperator(operatorText), path: [...path, operatorText] };
    }
    if (!isObject(block)) return { message: config.syntax(`The ${operatorText} block must be an object of condition keys.`), path: [...path, operatorText] };
    for (const [key, value] of Object.entries(block)) {
      const ok = isScalar(value) || (Array.isArray(value) && value.every(isScalar));
      if (!ok) return { message: config.syntax(`The value of ${key} must be a string or a list of strings.`), path: [...path, operatorText, key] };
    }
  }
  return null;
}

function validateStatement(statement: unknown, path: JSONPath): ConfigError | null {
  if (!isObject(statement)) return { message: config.syntax('Each statement must be a JSON object.'), path };
  if ('NotPrincipal' in statement) return { message: config.notPrincipal, path: [...path, 'NotPrincipal'] };
  for (const field of ['Resource', 'NotResource']) {
    if (field in statement) return { message: config.prohibitedResource(field), path: [...path, field] };
  }
  if (!('Effect' in statement)) return { message: config.missingEffect, path };
  if (statement.Effect !== 'Allow' && statement.Effect !== 'Deny') {
    return { message: config.invalidEffect(typeof statement.Effect === 'string' ? statement.Effect : JSON.stringify(statement.Effect)), path: [...path, 'Effect'] };
  }
  if (!('Principal' in statement)) return { message: config.missingPrincipal, path };
  const principal = validatePrincipal(statement.Principal, [...path, 'Principal']);
  if (principal) return principal;
  const hasAction = 'Action' in statement;
  const hasNotAction = 'NotAction' in statement;
  if (!hasAction && !hasNotAction) return { message: config.missingAction, path };
  if (hasAction && hasNotAction) return { message: config.bothActionAndNotAction, path: [...path, 'NotAction'] };
  const actionField = hasAction ? 'Action' : 'NotAction';
  if (!isStringOrStrings(statement[actionField])) {
    return { message: config.syntax(`${actionField} must be a string or a list of strings.`), path: [...path, actionField] };
  }
  if ('Condition' in statement) return validateCondition(statement.Condition, [...path, 'Condition']);
  return null;
}

/** The first reason IAM would refuse the document, in document order; null when it holds. */
export function validateDocument(document: Record<string, unknown>): ConfigError | null {
  if ('Version' in document && !(typeof document.Version === 'string' && VERSIONS.includes(document.Version))) {
    const version = typeof document.Version === 'string' ? document.Version : JSON.stringify(document.Version);
    return { message: config.invalidVersion(version), path: ['Version'] };
  }
  const statement = document.Statement;
  if (statement === undefined || (Array.isArray(statement) && statement.length === 0)) return { message: config.missingStatement, path: [] };
  if (!Array.isArray(statement) && !isObject(statement)) {
    return { message: config.syntax('Statement must be an object or a list of objects.'), path: ['Statement'] };
  }
  for (const { value, path } of statementPaths(document)) {
    const error = validateStatement(value, path);
    if (error) return error;
  }
  return null;
}
