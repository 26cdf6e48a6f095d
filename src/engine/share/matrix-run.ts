/**
 * Evaluating the matrix's rows: kept apart from the rest of the matrix (parsing pasted lines,
 * writing the scenario file) because it needs every provider's evaluation, which the page leaves
 * to its workers.
 */
import { prepare } from '../evaluate';
import { MAX_MATRIX_ROWS, type MatrixConfiguration, type MatrixEntry, type MatrixRow } from './matrix';

export function runMatrix(configuration: MatrixConfiguration, entries: readonly MatrixEntry[]): MatrixRow[] {
  // Every row shows its deciding check, so each is explained; the configuration is prepared once.
  const prepared = prepare({ policyText: configuration.policy, provider: configuration.provider, options: configuration.options });
  return entries.slice(0, MAX_MATRIX_ROWS).map((entry) => {
    const result = prepared.explain(entry.claims, { at: entry.at });
    return { ...entry, result, decisive: result.checks.find((check) => check.decisive) ?? null };
  });
}

