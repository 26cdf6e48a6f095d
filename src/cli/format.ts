import type { Check, EvaluationResult } from '../engine/result';

const MARK: Record<Check['result'], string> = { pass: 'PASS', fail: 'FAIL', skip: 'SKIP', error: 'ERR ' };

function show(value: unknown): string {
  if (value === undefined) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function formatText(result: EvaluationResult): string {
  const lines: string[] = [];
  lines.push(`${result.provider ?? 'unknown provider'}: ${result.decision.toUpperCase()} — ${result.message}`);
  // The one-line change that would let the token in, as the app shows it under the verdict.
  if (typeof result.details.fix === 'string') lines.push(`  Fix: ${result.details.fix}`);
  for (const check of result.checks) {
    const where = check.source ? ` (line ${check.source.line})` : '';
    lines.push(`  ${MARK[check.result]} ${check.label}${where}${check.decisive ? '  ← decides' : ''}`);
    if (check.expected !== undefined || check.actual !== undefined) {
      lines.push(`       expected: ${show(check.expected)}`);
      lines.push(`       actual:   ${show(check.actual)}`);
    }
    lines.push(`       ${check.reason}`);
  }
  if (result.findings.length > 0) {
    lines.push('Findings:');
    for (const finding of result.findings) {
      const where = finding.source ? ` (line ${finding.source.line})` : '';
      lines.push(`  [${finding.severity}] ${finding.message}${where}`);
    }
  }
  return lines.join('\n') + '\n';
}

export function formatJson(result: EvaluationResult): string {
  return JSON.stringify(
    {
      provider: result.provider,
      decision: result.decision,
      message: result.message,
      checks: result.checks,
      findings: result.findings,
      details: result.details,
    },
    null,
    2,
  ) + '\n';
}
