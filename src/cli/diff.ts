/** `trustlens diff`: which tokens a change to a trust configuration lets in or shuts out. */
import { diffPolicies } from '../engine/exposure/diff';
import { REACH_WORDS } from '../engine/exposure/reach-words';
import type { DiffReport, DiffWitness } from '../engine/exposure/types';
import { claimsFrom, readVarFiles, readFiles, startCommand } from './exposure-inputs';
import type { CliIO } from './io';
import { unusedVarWarnings, unusedVars } from './policy-input';

export const DIFF_USAGE =
  'usage: trustlens diff --before FILE --after FILE [--provider aws|vault|gcp|azure] [--token FILE | --claims FILE] [--at TIME] [--option KEY=VALUE]... [--format text|json] [--resource TYPE.NAME] [--var NAME=VALUE]... [--var-file FILE.tfvars]...';

export function diffJson(report: DiffReport): string {
  const strip = ({ axis, label, claims, at, before, after, reach, via }: DiffWitness) => ({ axis, label, claims, at, before, after, ...(reach ? { reach } : {}), ...(via ? { via } : {}) });
  return `${JSON.stringify({ provider: report.provider, reach: report.reach, broadened: report.broadened.map(strip), narrowed: report.narrowed.map(strip), unchanged: report.unchanged }, null, 2)}\n`;
}

/** The change in the reviewer's terms: who could get in before, and who can now. */
export function reachLine(report: DiffReport): string {
  const { before, after } = report.reach;
  if (before === after) return `reach unchanged: ${REACH_WORDS[before]} (${before})`;
  return `before: ${REACH_WORDS[before]} (${before}); after: ${REACH_WORDS[after]} (${after})`;
}

function describe(witness: DiffWitness): string[] {
  const how = witness.reach ? `, reach ${witness.reach}` : '';
  const lines = [`  [${witness.axis}] ${witness.label}: ${witness.before} before, ${witness.after} after${how}`];
  const sub = witness.claims.sub;
  if (typeof sub === 'string') lines.push(`       sub: ${sub}`);
  return lines;
}

export function diffText(report: DiffReport): string {
  const lines = [reachLine(report), `${report.provider}: ${report.broadened.length} broadened, ${report.narrowed.length} narrowed, ${report.unchanged} unchanged`];
  if (report.broadened.length > 0) {
    lines.push('Now let in (refused before):');
    // Grouped by the way in that lets them in, in the order the ways first appear.
    const groups = new Map<string, DiffWitness[]>();
    for (const witness of report.broadened) {
      const key = witness.via ? `${witness.via.label}${witness.via.line !== undefined ? ` (line ${witness.via.line})` : ''}` : '';
      groups.set(key, [...(groups.get(key) ?? []), witness]);
    }
    for (const [way, witnesses] of groups) {
      if (way) lines.push(` through ${way}:`);
      for (const witness of witnesses) lines.push(...describe(witness));
    }
  }
  if (report.narrowed.length > 0) {
    lines.push('Now refused (let in before):');
    for (const witness of report.narrowed) lines.push(...describe(witness));
  }
  return `${lines.join('\n')}\n`;
}

export async function diffCommand(argv: string[], io: CliIO): Promise<number> {
  const started = startCommand(argv, ['before', 'after'], DIFF_USAGE, io);
  if ('exit' in started) return started.exit;
  const { args, common, fail, tokenFile } = started;
  const varFileError = await readVarFiles(started, io);
  if (varFileError) return fail(varFileError);
  const beforePath = args.flags.get('before');
  const afterPath = args.flags.get('after');
  if (!beforePath || !afterPath) return fail(`--before and --after are required\n${DIFF_USAGE}`);
  const files = await readFiles([...new Set([beforePath, afterPath, ...(tokenFile ? [tokenFile.path] : [])])], io);
  if (!files.ok) return fail(files.message);
  const read = claimsFrom(started, files.value);
  if (!read.ok) return fail(read.message);
  const claims = read.value;
  const { provider, at, options, format } = common;
  // A --var is unused only when neither version uses it.
  const unusedBefore = await unusedVars(files.value[beforePath], options, provider);
  const unusedAfter = new Set(await unusedVars(files.value[afterPath], options, provider));
  io.stderr(unusedVarWarnings(unusedBefore.filter((name) => unusedAfter.has(name))));
  const report = diffPolicies({ before: files.value[beforePath], after: files.value[afterPath], provider, claims, at, options });
  if (report.error) {
    const [which, ...rest] = report.error.split(': ');
    const file = which === 'before' ? beforePath : which === 'after' ? afterPath : null;
    return fail(file ? `${file}: ${rest.join(': ')}` : report.error);
  }
  io.stdout(format === 'json' ? diffJson(report) : diffText(report));
  return report.broadened.length > 0 ? 1 : 0;
}
