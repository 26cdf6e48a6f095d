/**
 * Evaluating the matrix's rows: kept apart from the rest of the matrix (parsing pasted lines,
 * writing the scenario file) because it needs every provider's evaluation, which the page leaves
 * to its workers.
 */
import { evaluate } from '../evaluate';
import { claimsToken } from '../token';
import { MAX_MATRIX_ROWS, type MatrixConfiguration, type MatrixEntry, type MatrixRow } from './matrix';

export function runMatrix(configuration: MatrixConfiguration, entries: readonly MatrixEntry[]): MatrixRow[] {
  return entries.slice(0, MAX_MATRIX_ROWS).map((entry) => {
    const result = evaluate({
      policyText: configuration.policy,
      provider: configuration.provider,
      token: { ok: true, token: claimsToken(entry.claims) },
      at: entry.at,
      options: configuration.options,
    });
    return { ...entry, result, decisive: result.checks.find((check) => check.decisive) ?? null };
  });
}

