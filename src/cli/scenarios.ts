/**
 * Scenario files for `trustlens test`: a policy plus scenarios, each with claims or a token, an
 * optional instant and the expected decision. A single acceptance case (`policy`, `claims`, `at`,
 * `expect`) is read as a file with one scenario, so the shared cases run as they are.
 */
import { parse as parseYaml } from 'yaml';
import { nodeAt, parseJsonDocument, type JsonDocument } from '../engine/json';
import { PROVIDER_IDS, type Decision, type ProviderId } from '../engine/result';
import { parseInstant } from '../engine/time';

export interface Expectation {
  /** Absent in a scenario that asserts only exposure (grade, refused axes). */
  decision?: Decision;
  /** A substring, or a list of substrings of which any one must appear. */
  message?: string | string[];
}

export interface Scenario {
  name: string;
  provider: ProviderId | null;
  policyText: string;
  /** `policyFile:` — the configuration's path, relative to the scenario file; read by the runner. */
  policyFile?: string;
  tokenKind: 'token' | 'claims';
  tokenText: string;
  /** The claims of `tokenText` already parsed, when the reader had them (a streamed JSON file). */
  claimsValue?: Record<string, unknown>;
  at: number | null;
  options: Record<string, string>;
  expect: Expectation;
  /** "Who else gets in" assertions: the grade, and axes on which no token may get in. */
  exposure?: ExposureExpectation;
}

export interface ExposureExpectation {
  grade?: string;
  refuses: Array<{ axis: string }>;
}

const GRADES = ['pinned', 'narrow', 'broad', 'open'];

function readExposure(entry: Record<string, unknown>, where: string): ExposureExpectation | undefined | string {
  const grade = asRecord(entry.expect)?.grade;
  const refuses = entry.refuses;
  if (grade === undefined && refuses === undefined) return undefined;
  if (grade !== undefined && !GRADES.includes(grade as string)) return `${where}: expect.grade must be pinned, narrow, broad or open`;
  if (refuses !== undefined && !(Array.isArray(refuses) && refuses.every((item) => typeof asRecord(item)?.axis === 'string'))) {
    return `${where}: "refuses" must be a list of { axis: NAME }`;
  }
  return { grade: grade as string | undefined, refuses: ((refuses ?? []) as Array<{ axis: string }>).map(({ axis }) => ({ axis })) };
}

type Loaded = { ok: true; scenarios: Scenario[] } | { ok: false; error: string };

const DECISIONS: Decision[] = ['allow', 'deny', 'error'];

export function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/**
 * Where a value's own text can be read back (JSON files), so number lexemes survive (`22.0` stays
 * `22.0`); null for YAML, whose values are printed as JSON.
 */
export type LexemeAt = (key: string) => string | undefined;

function textOf(value: unknown, lexeme: LexemeAt | null, key: string): string {
  if (typeof value === 'string') return value;
  return lexeme?.(key) ?? JSON.stringify(value, null, 2);
}

/** Reads values' own text out of a parsed JSON document, below `path`. */
export function lexemesIn(doc: JsonDocument, path: Array<string | number>): LexemeAt {
  return (key) => {
    const node = nodeAt(doc, [...path, key]);
    return node ? doc.text.slice(node.offset, node.offset + node.length) : undefined;
  };
}

function readAt(value: unknown): number | null | 'bad' {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number') return Math.floor(value);
  if (value instanceof Date) return Math.floor(value.getTime() / 1000);
  if (typeof value === 'string') return parseInstant(value) ?? 'bad';
  return 'bad';
}

function readExpect(value: unknown, where: string, exposureOnly = false): Expectation | string {
  const record = asRecord(value) ?? (exposureOnly ? {} : null);
  if (!record) return `${where}: "expect" must be an object with "decision"`;
  if (exposureOnly && record.decision === undefined) return {};
  if (!DECISIONS.includes(record.decision as Decision)) return `${where}: expect.decision must be allow, deny or error`;
  const message = record.message;
  if (message !== undefined && typeof message !== 'string' && !(Array.isArray(message) && message.every((m) => typeof m === 'string'))) {
    return `${where}: expect.message must be a string or a list of strings`;
  }
  return { decision: record.decision as Decision, message: message as string | string[] | undefined };
}

function readOptions(value: unknown): Record<string, string> {
  const record = asRecord(value) ?? {};
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, String(v)]));
}

/**
 * How a streamed read of a scenario file ended: `done`, every scenario was yielded; `whole`, the
 * file holds something the streamed readers leave to reading it whole.
 */
export type StreamEnd = 'done' | 'whole';

/** The file-level part of a scenario file: its keys other than the scenarios, and their own text. */
export interface ScenarioFileHeader {
  file: Record<string, unknown>;
  lexeme: LexemeAt | null;
}

/** The error for file-level keys that are wrong before any scenario is read, or null. */
export function headerProblem(header: ScenarioFileHeader, fileName: string): string | null {
  const fileProvider = header.file.provider;
  if (fileProvider !== undefined && !PROVIDER_IDS.includes(fileProvider as ProviderId)) return `${fileName}: unknown provider ${String(fileProvider)}`;
  return null;
}

/** One scenario of a file, checked; or the error that stops the file. `index` counts from 0. */
export function readScenarioEntry(
  header: ScenarioFileHeader,
  entry: Record<string, unknown>,
  index: number,
  lexeme: LexemeAt | null,
  fileName: string,
): Scenario | string {
  const file = header.file;
  const name = typeof entry.name === 'string' ? entry.name : `scenario ${index + 1}`;
  const where = `${fileName} › ${name}`;
  const policyValue = entry.policy ?? file.policy;
  const policyFile = entry.policy === undefined ? (entry.policyFile ?? (file.policy === undefined ? file.policyFile : undefined)) : undefined;
  if (policyFile !== undefined && typeof policyFile !== 'string') return `${where}: "policyFile" must be a path`;
  if (policyValue === undefined && policyFile === undefined) return `${where}: no policy (give "policy" or "policyFile")`;
  const hasClaims = entry.claims !== undefined && entry.claims !== null;
  const hasToken = typeof entry.token === 'string';
  const exposure = readExposure(entry, where);
  if (typeof exposure === 'string') return exposure;
  const exposureOnly = exposure !== undefined && asRecord(entry.expect)?.decision === undefined;
  if (hasClaims && hasToken) return `${where}: give exactly one of "claims" and "token"`;
  if (!hasClaims && !hasToken && !exposureOnly) return `${where}: give exactly one of "claims" and "token"`;
  const at = readAt(entry.at ?? file.at);
  if (at === 'bad') return `${where}: "at" is neither ISO 8601 nor Unix seconds`;
  const expect = readExpect(entry.expect, where, exposureOnly);
  if (typeof expect === 'string') return expect;
  const provider = (entry.provider ?? file.provider ?? null) as ProviderId | null;
  const policyText = policyFile !== undefined ? '' : entry.policy !== undefined ? textOf(policyValue, lexeme, 'policy') : textOf(policyValue, header.lexeme, 'policy');
  return {
    name,
    provider,
    policyText,
    ...(policyFile === undefined ? {} : { policyFile }),
    tokenKind: hasToken ? 'token' : 'claims',
    tokenText: hasToken ? (entry.token as string) : hasClaims ? textOf(entry.claims, lexeme, 'claims') : '',
    at,
    options: { ...readOptions(file.options), ...readOptions(entry.options) },
    expect,
    ...(exposure ? { exposure } : {}),
  };
}

export function loadScenarioFile(text: string, fileName: string): Loaded {
  let value: unknown;
  let doc: JsonDocument | null = null;
  const json = parseJsonDocument(text, fileName);
  if (json.ok) {
    doc = json.doc;
    value = json.doc.value;
  } else {
    try {
      value = parseYaml(text);
    } catch (error) {
      return { ok: false, error: `${fileName}: neither JSON nor YAML: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}` };
    }
  }
  const file = asRecord(value);
  if (!file) return { ok: false, error: `${fileName}: a scenario file is an object with "policy" and "scenarios"` };
  const header: ScenarioFileHeader = { file, lexeme: doc ? lexemesIn(doc, []) : null };
  const problem = headerProblem(header, fileName);
  if (problem) return { ok: false, error: problem };
  const entries: Array<{ entry: Record<string, unknown>; path: Array<string | number> }> = [];
  if (Array.isArray(file.scenarios)) {
    file.scenarios.forEach((entry, index) => {
      entries.push({ entry: asRecord(entry) ?? {}, path: ['scenarios', index] });
    });
  } else if ('expect' in file) {
    entries.push({ entry: file, path: [] });
  } else {
    return { ok: false, error: `${fileName}: no "scenarios" list` };
  }
  const scenarios: Scenario[] = [];
  for (const [index, { entry, path }] of entries.entries()) {
    const scenario = readScenarioEntry(header, entry, index, doc ? lexemesIn(doc, path) : null, fileName);
    if (typeof scenario === 'string') return { ok: false, error: scenario };
    scenarios.push(scenario);
  }
  return { ok: true, scenarios };
}

export function messageMatches(message: string, expected: string | string[] | undefined): boolean {
  if (expected === undefined) return true;
  const list = Array.isArray(expected) ? expected : [expected];
  return list.some((part) => message.includes(part));
}
