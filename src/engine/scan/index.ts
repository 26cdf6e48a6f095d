/**
 * `trustlens scan`'s engine: every trust configuration of many inputs, each through the exposure
 * analysis, as one inventory widest reach first (contract: docs/contracts/SCAN.md). Pure: the
 * CLI reads the files, and may spread `analyseConfiguration` over worker threads.
 */
import { analyseConfiguration, type AnalysisCache } from './analyse';
import { readInputs, type ReadAll, type ScanInput } from './read';
import { REACH_ORDER, type ScanError, type ScannedConfiguration, type ScanReport } from './types';

import { loadHclLibrary } from '../inputs/hcl-library';
import { loadIacReaders } from '../inputs/index';

export type * from './types';
export { REACH_ORDER } from './types';
export { readInput, readInputs, type ReadAll, type ScanInput } from './read';
export { analyseConfiguration, analyseOne, cacheKey, type AnalysisCache, type AnalysisOutcome } from './analyse';
export { reachOf, reaches, witnessFor, witnessReach } from './reach';

function compareSource(a: { file: string; line?: number }, b: { file: string; line?: number }): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0);
}

/** Widest reach first; then by file, line and name, so the same inputs give the same order. */
export function orderConfigurations(configurations: ScannedConfiguration[]): ScannedConfiguration[] {
  return [...configurations].sort(
    (a, b) => REACH_ORDER.indexOf(a.reach) - REACH_ORDER.indexOf(b.reach) || compareSource(a.source, b.source) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
}

export function assembleReport(read: Pick<ReadAll, 'configurations' | 'skipped' | 'errors'>, analysed: Array<{ configuration: ScannedConfiguration } | { error: ScanError }>): ScanReport {
  const configurations: ScannedConfiguration[] = [];
  const errors = [...read.errors];
  for (const outcome of analysed) {
    if ('error' in outcome) errors.push(outcome.error);
    else configurations.push(outcome.configuration);
  }
  errors.sort((a, b) => compareSource(a.source, b.source) || (a.message < b.message ? -1 : 1));
  return { scanned: read.configurations.length + read.skipped, skipped: read.skipped, errors, configurations: orderConfigurations(configurations) };
}

/** Reads and analyses everything in one thread. */
export function scanInputs(inputs: ScanInput[], at: number, cache: AnalysisCache = new Map()): ScanReport & { read: ReadAll } {
  const read = readInputs(inputs);
  const analysed = read.configurations.map((configuration) => analyseConfiguration(configuration, at, cache));
  return { ...assembleReport(read, analysed), read };
}

/** Loads the reader a file needs before it is read (HashiCorp's HCL for Terraform, `.tf.json` included). */
export async function prepareReaders(file: string, text: string): Promise<void> {
  if (/\.tf\.json$/i.test(file)) await loadHclLibrary();
  else await loadIacReaders(text);
}
