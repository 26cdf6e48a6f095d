/**
 * A Markdown report of one evaluation, for a security review ticket: the verdict and the
 * service's message, every check, the findings, the configuration and the claims. Only decoded
 * claims are included, never a token, so the report cannot be replayed.
 */
import type { DiffReport, DiffWitness, ExposureReport } from './exposure/types';
import { PROVIDER_FACES as PROVIDERS } from './providers/faces';
import type { Check, EvaluationResult, Finding, ProviderId, SourceRange } from './result';
import { isoOf } from './time';

export interface ReportInput {
  provider: ProviderId;
  policy: string;
  claims: Record<string, unknown> | null;
  /** The evaluation instant, Unix seconds. */
  at: number;
  result: EvaluationResult;
  /** When the report was made, Unix seconds; omitted when absent so reports are reproducible. */
  generatedAt?: number;
  /** "Who else gets in" as the app shows it; the section is left out when absent. */
  exposure?: ExposureReport | null;
  /** Compare mode: the earlier configuration, the current token under it, and what the change lets in or shuts out. */
  comparison?: { before: string; beforeResult: EvaluationResult | null; diff: DiffReport | null } | null;
}

/**
 * Text for a GFM table cell: a `|` would end the cell and a newline the row, and Markdown
 * punctuation in claim values (`repo:org/*:ref:*`) would otherwise render as emphasis or links.
 * GFM also links bare `https://…`, `www.…` and e-mail addresses (extended autolinks, GFM spec
 * §6.9), which need a literal `://`, `www.` or `@`: an escape in each keeps a claim that holds one
 * as text. The report is read raw too, so other punctuation stays as written.
 */
export function escapeCell(text: string): string {
  return text
    .replace(/[\\`*_[\]<>|~#!&@]/g, (character) => `\\${character}`)
    .replace(/:(?=\/\/)/g, '\\:')
    .replace(/(www)\./gi, '$1\\.')
    .replace(/\r\n|\r|\n/g, '<br>');
}

/** A code span that survives any backticks inside it (CommonMark: a longer fence). */
function codeSpan(text: string): string {
  const longestRun = Math.max(0, ...Array.from(text.matchAll(/`+/g), (m) => m[0].length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || (text.startsWith(' ') && text.endsWith(' ') && text.trim() !== '') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A value in a table cell: each line as a code span (pipes escaped), lines joined by `<br>`. */
export function valueCell(value: unknown): string {
  if (value === undefined) return '—';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  if (text === '') return '(empty)';
  return text
    .split(/\r\n|\r|\n/)
    // A backslash right before a pipe cannot be written inside a code span in a table (`\|` is
    // read as an escaped pipe), so such a line falls back to escaped text.
    .map((line) => (line === '' ? '' : line.includes('\\|') ? escapeCell(line) : codeSpan(line).replace(/\|/g, '\\|')))
    .join('<br>');
}

/** A fenced block whose fence is longer than any backtick run in the content. */
export function fencedBlock(text: string, language: string): string {
  const longestRun = Math.max(0, ...Array.from(text.matchAll(/`+/g), (m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  const body = text.endsWith('\n') ? text : `${text}\n`;
  return `${fence}${language}\n${body}${fence}`;
}

function lineCell(source: SourceRange | undefined): string {
  if (!source) return '—';
  return source.endLine > source.line ? `${source.line}–${source.endLine}` : String(source.line);
}

function resultCell(check: Check): string {
  return check.decisive ? `**${check.result}** (decisive)` : check.result;
}

function checksTable(checks: Check[]): string {
  if (checks.length === 0) return 'No checks were run.';
  const rows = checks.map((check, index) =>
    [String(index + 1), resultCell(check), escapeCell(check.label), valueCell(check.expected), valueCell(check.actual), escapeCell(check.reason), lineCell(check.source)].join(' | '),
  );
  return ['| # | Result | Check | Expected | Actual | Reason | Line |', '|---|---|---|---|---|---|---|', ...rows.map((row) => `| ${row} |`)].join('\n');
}

function referenceCell(reference: string | undefined): string {
  if (!reference) return '—';
  // An autolink keeps the URL clickable; backslash escapes would not work inside one.
  if (/^https?:\/\/[^\s<>|`]+$/.test(reference)) return `<${reference}>`;
  return escapeCell(reference);
}

function findingsTable(findings: Finding[]): string {
  if (findings.length === 0) return 'None.';
  const rows = findings.map((finding) =>
    [finding.severity, escapeCell(finding.message), referenceCell(finding.reference), lineCell(finding.source)].join(' | '),
  );
  return ['| Severity | Finding | Reference | Line |', '|---|---|---|---|', ...rows.map((row) => `| ${row} |`)].join('\n');
}

function looksLikeJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** The claims a witness changes from the intended token, as `name: value` code spans. */
function changedCell(claims: Record<string, unknown>, changed: readonly string[] | undefined): string {
  const names = changed && changed.length > 0 ? changed : [];
  if (names.length === 0) return '—';
  return names.map((name) => `${escapeCell(name)}: ${name in claims ? valueCell(claims[name]) : '(absent)'}`).join('<br>');
}

function exposureSection(report: ExposureReport): string[] {
  if (report.error) return ['## Who else gets in', `Not analysed: ${escapeCell(report.error)}`];
  const lines: string[] = [
    `**Grade:** ${report.grade} (reach: ${report.reach}) — ${report.witnesses.length === 0 ? 'no token gets in beyond the intended one.' : `${report.witnesses.length} other token${report.witnesses.length === 1 ? '' : 's'} get${report.witnesses.length === 1 ? 's' : ''} in (each checked by the evaluator).`}`,
  ];
  if (report.summary.length > 0) lines.push('', 'What it admits:', '', ...report.summary.map((line) => `- ${escapeCell(line)}`));
  const sections = ['## Who else gets in', lines.join('\n')];
  if (report.witnesses.length > 0) {
    const rows = report.witnesses.map((witness) => [`\`${witness.axis}\``, escapeCell(witness.label), witness.reach, escapeCell(`${witness.via.label}${witness.via.line !== undefined ? ` (line ${witness.via.line})` : ''}`), witness.decision, changedCell(witness.claims, witness.changed)].join(' | '));
    sections.push(['| Axis | Token | Reach | Way in | Decision | Claims it changes |', '|---|---|---|---|---|---|', ...rows.map((row) => `| ${row} |`)].join('\n'));
  }
  if (report.opaque.length > 0) sections.push(['Not analysed:', '', ...report.opaque.map((line) => `- ${escapeCell(line)}`)].join('\n'));
  return sections;
}

function diffTable(witnesses: readonly DiffWitness[]): string {
  const rows = witnesses.map((witness) => [`\`${witness.axis}\``, escapeCell(witness.label), `${witness.before} → ${witness.after}`, valueCell(witness.claims.sub)].join(' | '));
  return ['| Axis | Token | Before → after | sub |', '|---|---|---|---|', ...rows.map((row) => `| ${row} |`)].join('\n');
}

function comparisonSection(comparison: NonNullable<ReportInput['comparison']>, result: EvaluationResult, policy: string): string[] {
  const sections = ['## Compared with an earlier version'];
  const verdicts: string[] = [];
  if (comparison.beforeResult) verdicts.push(`- **This token:** ${comparison.beforeResult.decision} before, ${result.decision} now`);
  const diff = comparison.diff;
  if (diff) {
    verdicts.push(`- **Reach:** ${diff.reach.before} before, ${diff.reach.after} after`);
    verdicts.push(`- **The change:** ${diff.broadened.length} token${diff.broadened.length === 1 ? '' : 's'} let in that were refused before, ${diff.narrowed.length} now refused, ${diff.unchanged} unchanged`);
  }
  if (verdicts.length > 0) sections.push(verdicts.join('\n'));
  if (diff && diff.broadened.length > 0) sections.push('### Now let in (refused before)', diffTable(diff.broadened));
  if (diff && diff.narrowed.length > 0) sections.push('### Now refused (let in before)', diffTable(diff.narrowed));
  sections.push('### Earlier configuration', fencedBlock(comparison.before, looksLikeJson(comparison.before) ? 'json' : 'text'));
  if (comparison.before === policy) sections.push('The earlier configuration is the same text as the current one.');
  return sections;
}

export function markdownReport(input: ReportInput): string {
  const { result } = input;
  const label = PROVIDERS[input.provider]?.label ?? input.provider;
  const sections: string[] = [
    `# trustlens report: ${result.decision.toUpperCase()}`,
    [
      `- **Decision:** ${result.decision}`,
      `- **Provider:** ${escapeCell(label)} (\`${input.provider}\`)`,
      `- **Evaluated at:** ${isoOf(input.at)} (Unix ${input.at})`,
      ...(input.generatedAt !== undefined ? [`- **Report generated:** ${isoOf(input.generatedAt)}`] : []),
    ].join('\n'),
    '## Service message',
    // A fence shows the message exactly as the service would, whatever characters it holds.
    fencedBlock(result.message, 'text'),
    '## Checks',
    checksTable(result.checks),
    '## Findings',
    findingsTable(result.findings),
    ...(input.exposure ? exposureSection(input.exposure) : []),
    '## Trust configuration',
    fencedBlock(input.policy, looksLikeJson(input.policy) ? 'json' : 'text'),
    ...(input.comparison ? comparisonSection(input.comparison, result, input.policy) : []),
    '## Token claims',
    input.claims
      ? `Decoded claims only; no token or signature is included.\n\n${fencedBlock(JSON.stringify(input.claims, null, 2), 'json')}`
      : 'No claims: the token did not decode.',
  ];
  return `${sections.join('\n\n')}\n`;
}
