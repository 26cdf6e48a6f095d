/**
 * Infrastructure-as-code input: Terraform / OpenTofu text or a CloudFormation template is
 * converted to the JSON configuration its provider reads, with a source map, before the provider
 * parses it; the result's ranges are then carried back into the pasted text.
 *
 * The HCL implementation is loaded on demand (`loadIacReaders`), so conversion itself is
 * synchronous once it is there: `evaluate()` converts in place, and the CLI and the app load the
 * reader first when the text is Terraform.
 */
import type { EvaluationInput } from '../evaluate-with';
import { LineIndex } from '../json';
import { errorResult, type EvaluationResult, type ProviderId, type SourceRange } from '../result';
import { convertCloudFormation, looksLikeCloudFormation } from './cloudformation';
import { hclLibraryIfLoaded, loadHclLibrary } from './hcl-library';
import { mapRange, placeholdersIn, writeJson, type Placeholder, type SourceMap } from './located';
import { convertTerraform, looksLikeTerraform, type Candidate } from './terraform';
import { convertTerraformJson, looksLikeTerraformJson } from './terraform-plan';

export type { Candidate } from './terraform';
export type { Placeholder } from './located';

export type IacFormat = 'terraform' | 'cloudformation';

/** The last answer: the same configuration is asked about on every keystroke in the token. */
let lastDetection: { text: string; format: IacFormat | null } | null = null;

export function detectIacFormat(text: string): IacFormat | null {
  if (lastDetection?.text === text) return lastDetection.format;
  const format = detectIacFormatOnce(text);
  lastDetection = { text, format };
  return format;
}

/** The longest configuration read, in characters; a longer one is refused with this limit named. */
export const MAX_CONFIGURATION_LENGTH = 2_000_000;

/** How deep brackets of Terraform or CloudFormation text may nest (real files nest under 20). */
export const MAX_IAC_NESTING = 100;

/** A byte-order mark is not part of the text; a space keeps every offset where it was. */
export function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
}

/** The offset of the first bracket beyond `limit` levels, outside quoted strings, or null. */
export function nestingBeyond(text: string, limit: number): number | null {
  let depth = 0;
  let quote = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quote) {
      if (c === 92) i++;
      else if (c === quote || c === 10) quote = 0;
    } else if (c === 34 || c === 39) quote = c;
    else if (c === 123 || c === 91 || c === 40) {
      if (++depth > limit) return i;
    } else if (c === 125 || c === 93 || c === 41) depth = Math.max(0, depth - 1);
  }
  return null;
}

function detectIacFormatOnce(raw: string): IacFormat | null {
  if (raw.length > MAX_CONFIGURATION_LENGTH) return null;
  const text = withoutBom(raw);
  try {
    if (looksLikeTerraformJson(text) || looksLikeTerraform(text)) return 'terraform';
    if (looksLikeCloudFormation(text)) return 'cloudformation';
  } catch {
    return null;
  }
  return null;
}

/** Makes sure the reader the text needs is loaded (the HCL library for Terraform). */
export async function loadIacReaders(text: string): Promise<void> {
  if (needsHclLibrary(text)) await loadHclLibrary();
}

export function iacReadersReady(text: string): boolean {
  return !needsHclLibrary(text) || hclLibraryIfLoaded() !== null;
}

/** Terraform text needs the HCL library; Terraform's JSON plan or state does not. */
function needsHclLibrary(text: string): boolean {
  return detectIacFormat(text) === 'terraform' && !looksLikeTerraformJson(withoutBom(text));
}

export interface IacRequest {
  resource?: string | null;
  provider?: ProviderId | null;
  vars?: Record<string, string>;
}

export interface Conversion {
  format: IacFormat;
  /** The resource evaluated, and every candidate the text holds (for the picker). */
  resource: string;
  resources: Candidate[];
  provider: ProviderId;
  /** The JSON configuration the provider evaluates. */
  text: string;
  map: SourceMap;
  placeholders: Placeholder[];
}

export type ConversionOutcome =
  | { ok: true; conversion: Conversion }
  | { ok: false; format: IacFormat; message: string; source?: SourceRange; resources: Candidate[]; pending?: boolean };

export function convertIac(raw: string, format: IacFormat, request: IacRequest): ConversionOutcome {
  // The YAML reader skips a byte-order mark itself; a space in its place would indent line 1.
  const text = format === 'terraform' ? withoutBom(raw) : raw;
  const tooDeep = nestingBeyond(text, MAX_IAC_NESTING);
  if (tooDeep !== null) {
    const lines = new LineIndex(text);
    const source = lines.range(tooDeep, tooDeep + 1);
    return { ok: false, format, message: `The ${format === 'terraform' ? 'Terraform text' : 'template'} is nested more than ${MAX_IAC_NESTING} levels deep (line ${source.line}:${source.column})`, source, resources: [] };
  }
  try {
    let outcome;
    if (format === 'terraform' && looksLikeTerraformJson(text)) {
      outcome = convertTerraformJson(text, request);
    } else if (format === 'terraform') {
      const library = hclLibraryIfLoaded();
      if (!library) return { ok: false, format, message: 'The Terraform reader is still loading', resources: [], pending: true };
      outcome = convertTerraform(text, library, request);
    } else {
      outcome = convertCloudFormation(text, request);
    }
    if (!outcome.ok) return { ok: false, format, message: outcome.message, source: outcome.source, resources: outcome.candidates };
    const written = writeJson(outcome.value, outcome.whole);
    const seen = new Set<string>();
    const placeholders = placeholdersIn(outcome.value).filter((p) => (seen.has(p.name) ? false : (seen.add(p.name), true)));
    return {
      ok: true,
      conversion: {
        format,
        resource: outcome.candidate.address,
        resources: outcome.candidates,
        provider: outcome.candidate.provider,
        text: written.text,
        map: written.map,
        placeholders,
      },
    };
  } catch (error) {
    // Never the JavaScript engine's own text: what failed is named, not how.
    return { ok: false, format, message: `The ${format === 'terraform' ? 'Terraform text' : 'template'} could not be read (line 1:1)`, source: { line: 1, column: 1, endLine: 1, endColumn: 2 }, resources: [] };
  }
}

/** Options keys that carry IaC choices through `evaluate()`: `iac.resource`, `iac.var.NAME`. */
export const RESOURCE_OPTION = 'iac.resource';
export const VAR_OPTION_PREFIX = 'iac.var.';

export function iacRequestFromOptions(options: Record<string, string>, provider: ProviderId | null): IacRequest {
  const vars: Record<string, string> = {};
  for (const [key, value] of Object.entries(options)) if (key.startsWith(VAR_OPTION_PREFIX)) vars[key.slice(VAR_OPTION_PREFIX.length)] = value;
  return { resource: options[RESOURCE_OPTION] || null, provider, vars };
}

function placeholderMessage(conversion: Conversion): string {
  const all = conversion.placeholders.map((p) => `${p.name.length > 80 ? `${p.name.slice(0, 79)}…` : p.name}${p.range ? ` (line ${p.range.line}:${p.range.column})` : ''}`);
  // The message stays one readable line; every name is in details.unresolved and the app's fields.
  const names = all.length > 4 ? [...all.slice(0, 4), `${all.length - 4} more`] : all;
  const example = conversion.placeholders[0].name.replace(/^var\./, '');
  const text = `the configuration depends on ${all.length === 1 ? 'a value' : 'values'} the ${conversion.format === 'terraform' ? 'Terraform text' : 'template'} does not give: ${names.join(', ')}; fill ${all.length === 1 ? 'it' : 'them'} in (--var ${example}=VALUE)`;
  return text.length > 300 ? `${text.slice(0, 299)}…` : text;
}

/** Carries the result's ranges from the converted JSON back into the pasted text. */
export function remapResult(result: EvaluationResult, conversion: Conversion): EvaluationResult {
  const remap = (range: SourceRange | undefined) => (range ? mapRange(range, conversion.text, conversion.map) : undefined);
  const details: Record<string, unknown> = { ...result.details, iac: iacDetails(conversion) };
  if (details.errorSource) details.errorSource = remap(details.errorSource as SourceRange) ?? details.errorSource;
  const remapped: EvaluationResult = {
    ...result,
    checks: result.checks.map((check) => (check.source ? { ...check, source: remap(check.source) } : check)),
    findings: result.findings.map((finding) => (finding.source ? { ...finding, source: remap(finding.source) } : finding)),
    details,
  };
  if (conversion.placeholders.length === 0) return remapped;
  // A value the text does not give could change any check: say so instead of guessing.
  const first = conversion.placeholders[0];
  return {
    ...remapped,
    decision: 'error',
    message: placeholderMessage(conversion),
    checks: remapped.checks.filter((c) => c.id === 'token.signature'),
    details: { ...details, inputError: 'policy', errorSource: first.range, unresolved: conversion.placeholders.map((p) => p.name) },
  };
}

export function iacDetails(conversion: Conversion) {
  return {
    format: conversion.format,
    resource: conversion.resource,
    resources: conversion.resources.map((r) => ({ address: r.address, provider: r.provider })),
    provider: conversion.provider,
    convertedText: conversion.text,
    placeholders: conversion.placeholders,
  };
}

/**
 * Values that depend only on where a stack is deployed (account, partition, region). The
 * providers never compare them with the token, so trustlens evaluates the configuration with two
 * different values of each; when both give the same verdict, that verdict holds for any value.
 */
const DEPLOYMENT_VALUES: Array<{ pattern: RegExp; values: [string, string] }> = [
  { pattern: /^(AWS::AccountId|data\.aws_caller_identity\.[^.]+\.account_id)$/, values: ['123456789012', '210987654321'] },
  { pattern: /^(AWS::Partition|data\.aws_partition\.[^.]+\.partition)$/, values: ['aws', 'aws-us-gov'] },
  { pattern: /^(AWS::Region|data\.aws_region\.[^.]+\.(name|region))$/, values: ['us-east-1', 'eu-west-1'] },
  { pattern: /^AWS::URLSuffix$/, values: ['amazonaws.com', 'amazonaws.com.cn'] },
];

export function deploymentValues(name: string): [string, string] | null {
  return DEPLOYMENT_VALUES.find((d) => d.pattern.test(name))?.values ?? null;
}

function verdictKey(result: EvaluationResult): string {
  return JSON.stringify([result.decision, result.message, result.checks.map((c) => [c.id, c.result])]);
}

/** Evaluates Terraform or CloudFormation text through its converted configuration. */
export function evaluateIac(input: EvaluationInput, format: IacFormat, evaluateJson: (input: EvaluationInput) => EvaluationResult): EvaluationResult {
  const request = iacRequestFromOptions(input.options ?? {}, input.provider ?? null);
  const outcome = convertIac(input.policyText, format, request);
  if (!outcome.ok) {
    const iac = { format, resources: outcome.resources.map((r) => ({ address: r.address, provider: r.provider })), pending: outcome.pending === true };
    const providers = [...new Set(outcome.resources.map((r) => r.provider))];
    const provider = input.provider ?? (providers.length === 1 ? providers[0] : null);
    return errorResult(provider, outcome.message, { source: outcome.source, details: { inputError: 'policy', iac } });
  }
  const { conversion } = outcome;
  if (input.provider && input.provider !== conversion.provider) {
    return errorResult(input.provider, `${conversion.resource} is a ${conversion.provider} configuration, not ${input.provider}`, {
      source: conversion.map.whole,
      details: { inputError: 'policy', iac: iacDetails(conversion) },
    });
  }
  const run = (c: Conversion) => remapResult(evaluateJson({ ...input, policyText: c.text, provider: c.provider }), c);
  const deployment = conversion.placeholders.map((p) => ({ name: p.name, values: deploymentValues(p.name) }));
  if (conversion.placeholders.length === 0 || deployment.some((d) => d.values === null)) return run(conversion);
  const variants = [0, 1].map((which) => {
    const vars = { ...request.vars };
    for (const d of deployment) vars[d.name] = d.values![which];
    const converted = convertIac(input.policyText, format, { ...request, vars });
    return converted.ok ? run(converted.conversion) : null;
  });
  if (!variants[0] || !variants[1] || verdictKey(variants[0]) !== verdictKey(variants[1])) return run(conversion);
  const names = conversion.placeholders.map((p) => p.name).join(', ');
  return {
    ...variants[0],
    findings: [
      ...variants[0].findings,
      {
        id: 'iac.deployment-values',
        severity: 'info',
        message: `${names} ${conversion.placeholders.length === 1 ? 'is' : 'are'} not given; the verdict is the same for any value (evaluated with two different ones).`,
        source: conversion.placeholders[0].range,
      },
    ],
    details: { ...variants[0].details, iac: iacDetails(conversion) },
  };
}
