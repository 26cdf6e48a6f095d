/**
 * Recognises each input by its content and reads the trust configurations it holds; then
 * completes configurations from files beside them (a Vault mount's config, a pool's IAM
 * bindings). Pure: the caller reads the files (and loads the Terraform reader first).
 */
import { detectIacFormat } from '../inputs/index';
import { looksLikeAwsExport, readAwsExport } from './aws';
import { looksLikeAzureCredentialList, readAzureCredentialList } from './azure';
import { gcpPolicyText, looksLikeGcpProviderList, looksLikeIamPolicy, readGcpProviderList } from './gcp';
import { readIac } from './iac';
import { readSingle } from './single';
import { looksLikeTerraformJson, terraformJsonToNative } from './tf-json';
import { looksLikeTerraformPlan, readTerraformPlan } from './tf-plan';
import { Locator } from './locate';
import type { FileRead, ScanConfiguration, ScanError } from './types';
import { looksLikeVaultRead, readVaultRead, vaultConfigIssuers, vaultPolicyText } from './vault';

export interface ScanInput {
  file: string;
  text: string;
}

function oneLine(message: string): string {
  return message.split('\n')[0].trim();
}

export function readInput(file: string, text: string): FileRead {
  // Plan and state JSON: every resource located at its own address line, with its issuers.
  if (/^\s*\{/.test(text) && text.includes('"format_version"')) {
    try {
      const value: unknown = JSON.parse(text);
      if (looksLikeTerraformPlan(value)) return readTerraformPlan(file, text, value);
    } catch {
      // Not JSON after all: read on below.
    }
  }
  const format = detectIacFormat(text);
  if (format) return readIac(file, text, format);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // Not JSON: a `vault write` command line, or not an input at all.
    const single = readSingle(file, text, undefined);
    if (single.recognised) return single;
    const trimmed = text.trimStart();
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
      return { configurations: [], skipped: 0, errors: [{ source: { file }, message: `not valid JSON: ${oneLine(error instanceof Error ? error.message : String(error))}` }], recognised: true };
    }
    return { configurations: [], skipped: 0, errors: [], recognised: false };
  }
  if (looksLikeTerraformJson(file, value)) return readTerraformJson(file, text, value);
  if (looksLikeTerraformPlan(value)) return readTerraformPlan(file, text, value);
  if (looksLikeAwsExport(value)) return readAwsExport(file, text, value);
  if (looksLikeIamPolicy(value)) return { configurations: [], skipped: 0, errors: [], recognised: true, iamBindings: value.bindings };
  if (looksLikeVaultRead(value)) return readVaultRead(file, value);
  if (looksLikeGcpProviderList(value)) return readGcpProviderList(file, text, value);
  if (looksLikeAzureCredentialList(value)) return readAzureCredentialList(file, text, value);
  return readSingle(file, text, value);
}

/** `*.tf.json`: read as the native syntax it stands for, each resource located at its name in the JSON. */
function readTerraformJson(file: string, text: string, value: Record<string, unknown>): FileRead {
  const read = readIac(file, terraformJsonToNative(value), 'terraform');
  const locator = new Locator(text);
  const lineOf = (address: string) => {
    const [type, name] = address.replace(/^data\./, '').split('.');
    locator.rewind();
    locator.find(type);
    return locator.find(name);
  };
  return {
    ...read,
    configurations: read.configurations.map((c) => ({ ...c, source: { file, line: lineOf(c.name) } })),
    errors: read.errors.map((e) => ({ ...e, source: { file } })),
  };
}

export interface ReadAll {
  configurations: ScanConfiguration[];
  skipped: number;
  errors: ScanError[];
  /** Inputs read (recognised or not). */
  read: number;
  /** Inputs that gave something: a configuration, a skipped role, a mount config or bindings, or nothing wrong. */
  usable: number;
  /** Files whose content is no input trustlens knows. */
  unrecognised: string[];
}

function directoryOf(file: string): string {
  return file.replace(/[^/\\]*$/, '');
}

export function readInputs(inputs: ScanInput[]): ReadAll {
  const all: ReadAll = { configurations: [], skipped: 0, errors: [], read: 0, usable: 0, unrecognised: [] };
  const vaultConfigs = new Map<string, Record<string, unknown>>();
  const bindings = new Map<string, unknown[]>();
  for (const { file, text } of inputs) {
    all.read++;
    let read: FileRead;
    try {
      read = readInput(file, text);
    } catch (error) {
      all.errors.push({ source: { file }, message: oneLine(error instanceof Error ? error.message : String(error)) });
      continue;
    }
    if (!read.recognised) all.unrecognised.push(file);
    else if (read.errors.length === 0 || read.configurations.length > 0 || read.skipped > 0) all.usable++;
    all.configurations.push(...read.configurations);
    all.skipped += read.skipped;
    all.errors.push(...read.errors);
    const directory = directoryOf(file);
    if (read.vaultConfig) vaultConfigs.set(directory, read.vaultConfig);
    if (read.iamBindings) bindings.set(directory, [...(bindings.get(directory) ?? []), ...read.iamBindings]);
  }
  all.configurations = all.configurations.map((configuration) => complete(configuration, vaultConfigs, bindings));
  return all;
}

function complete(configuration: ScanConfiguration, vaultConfigs: Map<string, Record<string, unknown>>, bindings: Map<string, unknown[]>): ScanConfiguration {
  const { pending, ...rest } = configuration;
  if (!pending) return configuration;
  const directory = directoryOf(configuration.source.file);
  if (pending.kind === 'vault') {
    const config = vaultConfigs.get(directory) ?? null;
    return config ? { ...rest, policyText: vaultPolicyText(pending.role, config), issuers: vaultConfigIssuers(config) } : rest;
  }
  return { ...rest, policyText: gcpPolicyText(pending.provider, bindings.get(directory) ?? null) };
}
