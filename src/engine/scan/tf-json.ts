/**
 * Terraform's JSON syntax (`*.tf.json`, https://developer.hashicorp.com/terraform/language/syntax/json)
 * written out as native syntax, so the Terraform converter reads it like any `.tf` file. JSON
 * cannot tell a nested block from an object attribute without the provider's schema; the nested
 * blocks of the resources trustlens reads are named here. A string that is one `${…}` template is
 * the expression inside it, as Terraform reads it.
 */
import { isObject } from './locate';

/** Nested blocks of aws_iam_policy_document and google_iam_workload_identity_pool_provider (registry docs). */
const NESTED_BLOCKS = new Set(['statement', 'principals', 'not_principals', 'condition', 'oidc', 'aws', 'saml', 'x509']);

export function looksLikeTerraformJson(file: string, value: unknown): value is Record<string, unknown> {
  return /\.tf\.json$/i.test(file) && isObject(value) && (isObject(value.resource) || isObject(value.data) || isObject(value.variable));
}

function quote(text: string): string {
  // JSON's escapes are HCL's for the characters that need them; `${` and `%{` stay templates.
  return JSON.stringify(text);
}

function expression(value: unknown, indent: string): string {
  if (typeof value === 'string') {
    const whole = /^\$\{([\s\S]*)\}$/.exec(value);
    return whole && !whole[1].includes('${') ? whole[1] : quote(value);
  }
  if (Array.isArray(value)) return `[${value.map((item) => expression(item, indent)).join(', ')}]`;
  if (isObject(value)) {
    const inner = `${indent}  `;
    const entries = Object.entries(value).map(([key, item]) => `${inner}${quote(key)} = ${expression(item, inner)}`);
    return entries.length === 0 ? '{}' : `{\n${entries.join('\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}

function body(value: unknown, indent: string): string[] {
  const lines: string[] = [];
  const bodies = Array.isArray(value) ? value : [value];
  for (const part of bodies) {
    if (!isObject(part)) continue;
    for (const [key, item] of Object.entries(part)) {
      if (key === '//') continue;
      const blocks = Array.isArray(item) ? item : [item];
      if (NESTED_BLOCKS.has(key) && blocks.every(isObject)) {
        for (const block of blocks) lines.push(`${indent}${key} {`, ...body(block, `${indent}  `), `${indent}}`);
      } else {
        lines.push(`${indent}${key} = ${expression(item, indent)}`);
      }
    }
  }
  return lines;
}

export function terraformJsonToNative(value: Record<string, unknown>): string {
  const lines: string[] = [];
  for (const kind of ['resource', 'data'] as const) {
    const types = value[kind];
    if (!isObject(types)) continue;
    for (const [type, named] of Object.entries(types)) {
      if (!isObject(named)) continue;
      for (const [name, block] of Object.entries(named)) lines.push(`${kind} ${quote(type)} ${quote(name)} {`, ...body(block, '  '), '}', '');
    }
  }
  if (isObject(value.variable)) {
    for (const [name, block] of Object.entries(value.variable)) lines.push(`variable ${quote(name)} {`, ...body(block, '  '), '}', '');
  }
  if (isObject(value.locals)) lines.push('locals {', ...body(value.locals, '  '), '}', '');
  return lines.join('\n');
}
