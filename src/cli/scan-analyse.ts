/**
 * The analysis step of a scan, with progress. Identical configurations are analysed once (the
 * cache); the rest run in this thread, reporting progress about once a second.
 */
import { analyseConfiguration, type AnalysisCache, type ScanConfiguration, type ScanError, type ScannedConfiguration } from '../engine/scan/index';

export type Progress = (done: number, total: number) => void;

export async function analyseAll(configurations: ScanConfiguration[], at: number, progress: Progress): Promise<Array<{ configuration: ScannedConfiguration } | { error: ScanError }>> {
  const cache: AnalysisCache = new Map();
  const outcomes = [];
  let last = Date.now();
  for (const [index, configuration] of configurations.entries()) {
    outcomes.push(analyseConfiguration(configuration, at, cache));
    if (Date.now() - last >= 1000) {
      last = Date.now();
      progress(index + 1, configurations.length);
      // Lets the progress line out before the next batch.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  return outcomes;
}
