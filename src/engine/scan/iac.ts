/**
 * Terraform / OpenTofu and CloudFormation / SAM / CDK text: every trust configuration resource of
 * a file is one configuration, read through the converters `eval --policy` uses, located at its
 * block. A `data "aws_iam_policy_document"` that a role of the same file uses is read through
 * the role, not twice.
 */
import { convertIac, deploymentValues, RESOURCE_OPTION, VAR_OPTION_PREFIX, type Candidate, type IacFormat } from '../inputs/index';
import { namedIssuers, webIdentityIssuers } from './aws';
import type { FileRead } from './types';

const NO_TRUST = /holds no trust configuration/;

function referencedDocuments(text: string): Set<string> {
  const found = new Set<string>();
  for (const match of text.matchAll(/assume_role_policy\s*=\s*data\.aws_iam_policy_document\.([A-Za-z0-9_-]+)\.(?:minified_)?json/g)) found.add(`data.aws_iam_policy_document.${match[1]}`);
  return found;
}

function candidatesOf(text: string, format: IacFormat): { candidates: Candidate[] } | { error: string; line?: number } | null {
  const outcome = convertIac(text, format, {});
  if (outcome.ok) return { candidates: outcome.conversion.resources };
  if (outcome.resources.length > 0) return { candidates: outcome.resources };
  if (NO_TRUST.test(outcome.message)) return null;
  return { error: outcome.message, line: outcome.source?.line };
}

export function readIac(file: string, text: string, format: IacFormat): FileRead {
  const found = candidatesOf(text, format);
  if (found === null) return { configurations: [], skipped: 0, errors: [], recognised: false };
  if ('error' in found) return { configurations: [], skipped: 0, errors: [{ source: { file, line: found.line }, message: found.error.split('\n')[0] }], recognised: true };
  const read: FileRead = { configurations: [], skipped: 0, errors: [], recognised: true };
  const referenced = format === 'terraform' ? referencedDocuments(text) : new Set<string>();
  for (const candidate of found.candidates) {
    if (referenced.has(candidate.address)) continue;
    const line = candidate.range?.line;
    const options: Record<string, string> = { [RESOURCE_OPTION]: candidate.address };
    let converted = convertIac(text, format, { resource: candidate.address });
    // Account, partition and region only say where a stack is deployed: `eval` gives the same
    // verdict for any value of them, so the analysis takes one.
    const deployment = converted.ok ? converted.conversion.placeholders.map((p) => [p.name, deploymentValues(p.name)] as const) : [];
    if (deployment.length > 0 && deployment.every(([, values]) => values !== null)) {
      const vars: Record<string, string> = {};
      for (const [name, values] of deployment) {
        vars[name] = values![0];
        options[`${VAR_OPTION_PREFIX}${name}`] = values![0];
      }
      converted = convertIac(text, format, { resource: candidate.address, vars });
    }
    if (!converted.ok) {
      read.errors.push({ source: { file, line }, message: `${candidate.address}: ${converted.message.split('\n')[0]}` });
      continue;
    }
    const { conversion } = converted;
    let issuers: string[] = [];
    if (conversion.provider === 'aws') {
      try {
        issuers = webIdentityIssuers(JSON.parse(conversion.text));
      } catch {
        issuers = [];
      }
      if (issuers.length === 0) {
        read.skipped++;
        continue;
      }
    }
    read.configurations.push({ name: candidate.address, provider: conversion.provider, policyText: text, options, source: { file, line }, issuers: namedIssuers(issuers) });
  }
  return read;
}
