/**
 * The four faces of a scan report: a table for a terminal, the contract's JSON, SARIF 2.1.0 for
 * code scanning (GitHub, GitLab), and Markdown for a review ticket.
 */
import { AXES } from '../engine/exposure/axes';
import { REACH_WORDS } from '../engine/exposure/reach-words';
import { REACH_ORDER, type Reach, type ScannedConfiguration, type ScanReport, type ScanWitness } from '../engine/scan/index';

/** The contract's JSON: exactly the documented members, in the documented order. */
export function scanJson(report: ScanReport): string {
  const configurations = report.configurations.map((c) => ({
    name: c.name,
    provider: c.provider,
    source: c.source,
    issuers: c.issuers,
    grade: c.grade,
    reach: c.reach,
    ...(c.witness ? { witness: { axis: c.witness.axis, label: c.witness.label, claims: c.witness.claims, at: c.witness.at } } : {}),
    findings: c.findings.map(({ severity, message }) => ({ severity, message })),
  }));
  const errors = report.errors.map(({ source, message }) => ({ source, message }));
  return `${JSON.stringify({ scanned: report.scanned, skipped: report.skipped, errors, configurations }, null, 2)}\n`;
}

function where(c: { source: { file: string; line?: number } }): string {
  return c.source.line ? `${c.source.file}:${c.source.line}` : c.source.file;
}

/** The claims that say who the witness is, for one line of text. */
function identity(witness: ScanWitness): string {
  const claims = witness.claims;
  for (const name of ['sub', 'project_path', 'repository']) if (typeof claims[name] === 'string') return `${name} ${JSON.stringify(claims[name])}`;
  return JSON.stringify(claims);
}

function counts(report: ScanReport): string {
  const byReach = REACH_ORDER.map((reach) => [reach, report.configurations.filter((c) => c.reach === reach).length] as const).filter(([, n]) => n > 0);
  const parts = byReach.map(([reach, n]) => `${n} ${reach}`);
  return `${report.scanned} configuration${report.scanned === 1 ? '' : 's'} read, ${report.skipped} trust no OIDC issuer, ${report.configurations.length} analysed${parts.length ? ` (${parts.join(', ')})` : ''}${report.errors.length ? `, ${report.errors.length} error${report.errors.length === 1 ? '' : 's'}` : ''}`;
}

function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]))).join('  ').trimEnd());
}

export function scanText(report: ScanReport): string {
  const lines = [counts(report)];
  if (report.configurations.length > 0) {
    lines.push('');
    const rows = [['REACH', 'GRADE', 'PROVIDER', 'NAME', 'ISSUER', 'WHERE']];
    for (const c of report.configurations) rows.push([c.reach, c.grade, c.provider, c.name, c.issuers.join(' ') || '—', where(c)]);
    lines.push(...table(rows));
    const exposed = report.configurations.filter((c) => c.witness && (c.reach === 'anyone' || c.reach === 'organization'));
    if (exposed.length > 0) {
      lines.push('', 'Who gets in (each witness checked: allow):');
      for (const c of exposed) lines.push(`  ${c.name} (${where(c)}): ${c.witness!.label} — ${identity(c.witness!)}`);
    }
  }
  if (report.errors.length > 0) {
    lines.push('', 'Not read:');
    for (const error of report.errors) lines.push(`  ${where(error)}: ${error.message}`);
  }
  return `${lines.join('\n')}\n`;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function scanMarkdown(report: ScanReport): string {
  const lines = ['## Trust configurations: who can get in', '', counts(report), ''];
  if (report.configurations.length > 0) {
    lines.push('| Reach | Grade | Provider | Name | Issuer | Where | Example token admitted |', '|---|---|---|---|---|---|---|');
    for (const c of report.configurations) {
      const example = c.witness ? `${c.witness.label}: \`${cell(identity(c.witness))}\`` : '—';
      lines.push(`| **${c.reach}** | ${c.grade} | ${c.provider} | ${cell(c.name)} | ${cell(c.issuers.join(', ') || '—')} | \`${cell(where(c))}\` | ${example} |`);
    }
    const detailed = report.configurations.filter((c) => c.witness && (c.reach === 'anyone' || c.reach === 'organization'));
    for (const c of detailed) {
      lines.push('', `### ${cell(c.name)} — ${c.reach}`, '', `Reachable by ${REACH_WORDS[c.reach]} (\`${where(c)}\`). This token is admitted (checked at ${c.witness!.at}, \`trustlens eval --claims\`):`, '', '```json', JSON.stringify(c.witness!.claims, null, 2), '```');
      if (c.findings.length > 0) {
        lines.push('', 'Findings:');
        for (const finding of c.findings) lines.push(`- **${finding.severity}**: ${finding.message}`);
      }
    }
  }
  if (report.errors.length > 0) {
    lines.push('', '### Not read', '');
    for (const error of report.errors) lines.push(`- \`${cell(where(error))}\`: ${cell(error.message)}`);
  }
  return `${lines.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------
// SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html)

const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** `error` for anyone and organization, `warning` for repository, `note` below (SCAN.md). */
export function sarifLevel(reach: Reach): 'error' | 'warning' | 'note' {
  return reach === 'anyone' || reach === 'organization' ? 'error' : reach === 'repository' ? 'warning' : 'note';
}

/** GitHub code scanning ranks security results by `security-severity` (0–10). */
const SECURITY_SEVERITY: Record<Reach, string> = { anyone: '9.5', organization: '8.0', repository: '5.0', protected: '2.0', none: '0.0' };

interface Rule {
  id: string;
  reach: Reach;
  title: string;
}

function axisReach(axis: string): Reach {
  const grade = AXES[axis]?.grade;
  return grade === 'open' ? 'anyone' : grade === 'broad' ? 'organization' : grade === 'narrow' ? 'repository' : 'protected';
}

function ruleOf(c: ScannedConfiguration): Rule {
  if (!c.witness) return { id: 'admits-nothing', reach: 'none', title: 'the analysis built no token the configuration admits' };
  if (c.witness.axis === 'intended') return { id: 'intended', reach: c.reach, title: 'only the intended token gets in' };
  return { id: c.witness.axis, reach: axisReach(c.witness.axis), title: AXES[c.witness.axis]?.title ?? c.witness.label };
}

function sarifMessage(c: ScannedConfiguration): string {
  const head = `${c.name} (${c.provider}) is reachable by ${REACH_WORDS[c.reach]} (reach ${c.reach}, grade ${c.grade}).`;
  const witness = c.witness ? ` Admitted: ${c.witness.label}, ${identity(c.witness)}${typeof c.witness.claims.iss === 'string' ? ` from ${c.witness.claims.iss}` : ''} (checked at ${c.witness.at}).` : '';
  const findings = c.findings.length > 0 ? ` Findings: ${c.findings.map((f) => `[${f.severity}] ${f.message}`).join(' ')}` : '';
  return `${head}${witness}${findings}`;
}

/**
 * Files found in a scanned folder are named relative to it (as in the JSON); their SARIF location
 * says so with a `uriBaseId` naming that folder in `originalUriBaseIds` (SARIF §3.4.4, §3.14.14).
 * A folder given as `.` is the working directory, where a relative `uri` already points.
 */
function baseIds(folders: Map<string, string>, cwd: string): { idOf: (file: string) => string | undefined; bases: Record<string, { uri: string }> } {
  const ids = new Map<string, string>();
  const bases: Record<string, { uri: string }> = {};
  for (const folder of [...new Set(folders.values())].sort()) {
    const normalised = folder.replace(/\\/g, '/').replace(/\/+$/, '');
    if (normalised === '.' || normalised === '') continue;
    const id = `SCANROOT${ids.size + 1}`;
    ids.set(folder, id);
    const absolute = normalised.startsWith('/') ? normalised : `${cwd.replace(/\\/g, '/').replace(/\/+$/, '')}/${normalised.replace(/^\.\//, '')}`;
    bases[id] = { uri: `file://${encodeURI(absolute)}/` };
  }
  return { idOf: (file) => (folders.has(file) ? ids.get(folders.get(file)!) : undefined), bases };
}

export function scanSarif(report: ScanReport, version: string, folders: Map<string, string> = new Map(), cwd = process.cwd()): string {
  const { idOf, bases } = baseIds(folders, cwd);
  const location = (file: string, line?: number) => {
    const id = idOf(file);
    return { physicalLocation: { artifactLocation: { uri: encodeURI(file), ...(id ? { uriBaseId: id } : {}) }, ...(line ? { region: { startLine: line } } : {}) } };
  };
  const rules: Rule[] = [];
  const ruleIndex = new Map<string, number>();
  const results = report.configurations.map((c) => {
    const rule = ruleOf(c);
    if (!ruleIndex.has(rule.id)) {
      ruleIndex.set(rule.id, rules.length);
      rules.push(rule);
    }
    return {
      ruleId: rule.id,
      ruleIndex: ruleIndex.get(rule.id)!,
      level: sarifLevel(c.reach),
      message: { text: sarifMessage(c) },
      locations: [location(c.source.file, c.source.line ?? 1)],
      partialFingerprints: { trustlensConfiguration: `${c.provider}:${c.source.file}:${c.name}` },
      properties: { name: c.name, provider: c.provider, reach: c.reach, grade: c.grade, issuers: c.issuers, ...(c.witness ? { witness: c.witness } : {}), findings: c.findings },
    };
  });
  const sarif = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'trustlens',
            version,
            rules: rules.map((rule) => ({
              id: rule.id,
              name: rule.id.replace(/(^|-)([a-z])/g, (_, __, letter: string) => letter.toUpperCase()),
              shortDescription: { text: `Trust configuration admits ${rule.title}` },
              fullDescription: { text: `A CI token from ${rule.title} is admitted: reach ${rule.reach} (${REACH_WORDS[rule.reach]}). Every such result carries a token checked with the evaluator.` },
              defaultConfiguration: { level: sarifLevel(rule.reach) },
              properties: { tags: ['security', 'oidc', 'trust-policy'], 'security-severity': SECURITY_SEVERITY[rule.reach] },
            })),
          },
        },
        results,
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: report.errors.map((error) => ({ level: 'error', message: { text: error.message }, locations: [location(error.source.file, error.source.line)] })) }],
        ...(Object.keys(bases).length > 0 ? { originalUriBaseIds: bases } : {}),
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
