/**
 * The shapes of a scan over many trust configurations (contract: docs/contracts/SCAN.md):
 * what the readers yield from each input, and the inventory the analysis returns.
 */
import type { Reach as ExposureReach } from '../exposure/types';
import type { ProviderId, Severity } from '../result';

export interface ScanSource {
  /** The path as given on the command line, or relative to the scanned folder. */
  file: string;
  /** 1-based line of the configuration in that file (1 when the file holds only it). */
  line?: number;
}

/** One trust configuration found in an input, ready for `analyseExposure`. */
export interface ScanConfiguration {
  /** The role, credential or role name as the input names it. */
  name: string;
  provider: ProviderId;
  /** Text `trustlens eval --policy` reads for this configuration. */
  policyText: string;
  /** Options for the engine (e.g. the Terraform resource picked out of a file). */
  options?: Record<string, string>;
  source: ScanSource;
  /** Issuers the configuration names, when the input says (federated principal, issuer URI, …). */
  issuers: string[];
  /**
   * A configuration completed by a file beside it: a Vault role by its mount's `config`, a Google
   * Cloud provider by the IAM bindings that grant its pool.
   */
  pending?: { kind: 'vault'; role: Record<string, unknown> } | { kind: 'gcp'; provider: Record<string, unknown> };
}

export interface ScanError {
  source: ScanSource;
  /** One line. */
  message: string;
}

/** What a reader made of one input file. */
export interface FileRead {
  configurations: ScanConfiguration[];
  /** Configurations that trust no OIDC issuer (service principals, SAML, accounts). */
  skipped: number;
  errors: ScanError[];
  /** Whether the content was recognised at all (unrecognised files in a folder are passed over). */
  recognised: boolean;
  /** A Vault auth method's `config` (from `vault read -format=json auth/<mount>/config`). */
  vaultConfig?: Record<string, unknown>;
  /** IAM bindings (from a `get-iam-policy --format=json` output). */
  iamBindings?: unknown[];
}

/** The exposure analysis's reach, or `none` for a configuration that admits no token. */
export type Reach = ExposureReach | 'none';

/** Widest first: the order of the inventory and of `--fail-on`. */
export const REACH_ORDER: readonly Reach[] = ['anyone', 'organization', 'repository', 'protected', 'none'];

export interface ScanWitness {
  axis: string;
  label: string;
  claims: Record<string, unknown>;
  at: string;
}

export interface ScanFinding {
  /** The finding kind (the engine's rule id), for SARIF rules; not part of the JSON contract. */
  id: string;
  severity: Severity;
  message: string;
}

export interface ScannedConfiguration {
  name: string;
  provider: ProviderId;
  source: ScanSource;
  issuers: string[];
  grade: 'pinned' | 'narrow' | 'broad' | 'open';
  reach: Reach;
  witness?: ScanWitness;
  findings: ScanFinding[];
}

export interface ScanReport {
  scanned: number;
  skipped: number;
  errors: ScanError[];
  configurations: ScannedConfiguration[];
}
