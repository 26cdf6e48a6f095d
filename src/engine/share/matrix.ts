/**
 * The scenario matrix: one configuration against many claim sets at once (the exposure witnesses,
 * the gallery's tokens of an issuer, or claim sets pasted as JSON lines), one decision and its
 * deciding check per row, and the whole table as one `trustlens test` file so it becomes a CI
 * regression test (scenario layout: the CLI contract, docs/contracts/CLI.md "test").
 */
import { Document, isNode, isSeq, Scalar } from 'yaml';
import type { Check, EvaluationResult, ProviderId } from '../result';
import { isoOf } from '../time';
import { isPlainRecord, jsonDepth, MAX_JSON_DEPTH } from './state';

export interface MatrixEntry {
  name: string;
  claims: Record<string, unknown>;
  /** Unix seconds. */
  at: number;
  /**
   * Set on a token exposure analysis found (its axis, e.g. `other-project`): a token nobody meant
   * to let in. The export expects such a row to be refused, whatever it gets today.
   */
  witnessAxis?: string;
}

export interface MatrixConfiguration {
  provider: ProviderId;
  policy: string;
  options?: Record<string, string>;
}

export interface MatrixRow extends MatrixEntry {
  result: EvaluationResult;
  /** The check that decided the row (the service's first failure, or the deciding pass). */
  decisive: Check | null;
}

/** Most rows one matrix evaluates: a pasted list longer than this is cut, and says so. */
export const MAX_MATRIX_ROWS = 200;

export type ClaimLines = { ok: true; entries: MatrixEntry[]; truncated: boolean } | { ok: false; message: string; line: number };

/**
 * Claim sets pasted one JSON object per line (JSON Lines). Blank lines are skipped; the first
 * line that is not a JSON object is reported with its number, and nothing is evaluated, so a
 * half-read list is never mistaken for the whole one.
 */
export function parseClaimLines(text: string, at: number): ClaimLines {
  const entries: MatrixEntry[] = [];
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index].trim();
    if (line === '') continue;
    const number = index + 1;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      return { ok: false, line: number, message: `Line ${number} is not valid JSON (${detail}): each line must be one claim set, e.g. {"sub": "…"}.` };
    }
    if (!isPlainRecord(value)) return { ok: false, line: number, message: `Line ${number} is not a JSON object of claims.` };
    if (jsonDepth(value, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
      return { ok: false, line: number, message: `Line ${number} is nested deeper than ${MAX_JSON_DEPTH} levels.` };
    }
    entries.push({ name: `line ${number}`, claims: value, at });
  }
  return { ok: true, entries: entries.slice(0, MAX_MATRIX_ROWS), truncated: entries.length > MAX_MATRIX_ROWS };
}

/** Every row as a scenario expecting the decision and message it got, in one file. */
export function matrixScenarioFile(configuration: MatrixConfiguration, rows: readonly MatrixRow[]): string {
  const options = configuration.options && Object.keys(configuration.options).length > 0 ? { ...configuration.options } : null;
  const scenarios = rows.map((row) => {
    const scenario: Record<string, unknown> = { name: row.name, at: isoOf(row.at) };
    if (options) scenario.options = options;
    scenario.claims = row.claims;
    // An attacker's token is written as the test a reviewer wants: it must be refused. Expecting
    // what it gets today (allow) would make CI enforce the hole.
    const expect: Record<string, unknown> = row.witnessAxis !== undefined ? { decision: 'deny' } : { decision: row.result.decision };
    if (row.witnessAxis === undefined && row.result.message !== '') expect.message = row.result.message;
    scenario.expect = expect;
    return scenario;
  });
  const doc = new Document({ provider: configuration.provider, policy: configuration.policy, scenarios });
  const items = doc.get('scenarios', true);
  if (isSeq(items)) {
    rows.forEach((row, index) => {
      const node = items.items[index];
      if (row.witnessAxis === undefined || !isNode(node)) return;
      const today = row.result.decision === 'deny' ? 'it is refused today' : `today it gets ${row.result.decision}: this scenario fails until the configuration refuses it`;
      node.commentBefore = ` axis ${row.witnessAxis}: a token nobody meant to let in; ${today}.`;
    });
  }
  // The configuration stays readable and byte-for-byte what was evaluated.
  const policyNode = doc.get('policy', true);
  if (policyNode instanceof Scalar) policyNode.type = Scalar.BLOCK_LITERAL;
  doc.commentBefore = [
    ` trustlens scenario matrix: ${rows.length} ${configuration.provider} decision${rows.length === 1 ? '' : 's'} of one configuration.`,
    ' Run it with: npx trustlens test <this file>',
  ].join('\n');
  // lineWidth 0: never fold long claim values or messages across lines.
  return doc.toString({ lineWidth: 0 });
}
