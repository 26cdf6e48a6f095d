/**
 * Infrastructure-as-code input: Terraform / OpenTofu text or a CloudFormation template is
 * converted to the JSON configuration its provider reads, with a source map, before the provider
 * parses it; the result's ranges are then carried back into the pasted text.
 *
 * The HCL implementation is loaded on demand (`loadIacReaders`), so conversion itself is
 * synchronous once it is there: `evaluate()` converts in place, and the CLI loads the reader first
 * when the text is Terraform; the page's evaluation worker reads the text before it arrives
 * (`readTerraformBeforeItsParser`).
 */
import { LineIndex } from '../json';
import type { ProviderId, SourceRange } from '../result';
import { convertCloudFormation, looksLikeCloudFormation } from './cloudformation';
import { hclLibraryIfLoaded, loadHclLibrary } from './hcl-library';
import { placeholdersIn, writeJson, type Placeholder, type SourceMap } from './located';
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
  /** Read before HashiCorp's parser double-checked it (`readTerraformBeforeItsParser`). */
  unchecked?: boolean;
}

export type ConversionOutcome =
  | { ok: true; conversion: Conversion }
  | { ok: false; format: IacFormat; message: string; source?: SourceRange; resources: Candidate[]; pending?: boolean; unchecked?: boolean };

let uncheckedTerraform = false;

/**
 * Lets Terraform text be read before HashiCorp's parser has loaded, by trustlens's own reader
 * alone: the outcome says `unchecked` where the parser would have double-checked the text, and
 * the caller reads it again once the parser is there. The page's evaluation worker does this, so
 * a first verdict does not wait for the parser's download; the CLI always waits.
 */
export function readTerraformBeforeItsParser(): void {
  uncheckedTerraform = true;
}

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
      if (!library && !uncheckedTerraform) return { ok: false, format, message: 'The Terraform reader is still loading', resources: [], pending: true };
      outcome = convertTerraform(text, library, request);
    } else {
      outcome = convertCloudFormation(text, request);
    }
    const unchecked = outcome.unchecked === true ? { unchecked: true } : {};
    if (!outcome.ok) return { ok: false, format, message: outcome.message, source: outcome.source, resources: outcome.candidates, ...unchecked };
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
        ...unchecked,
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

