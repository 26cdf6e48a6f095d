/** `trustlens diff`: which tokens a change to a trust configuration lets in or shuts out. */
import { diffPolicies } from '../engine/exposure/diff';
import type { DiffReport, DiffWitness } from '../engine/exposure/types';
import { parseArgs } from './args';
import { readClaims, readCommon, readFiles, wantsJson } from './exposure-inputs';
import type { CliIO } from './io';

export const DIFF_USAGE =
  'usage: trustlens diff --before FILE --after FILE [--provider aws|vault|gcp|azure] [--token FILE | --claims FILE] [--at TIME] [--option KEY=VALUE]... [--format text|json]';

export function diffJson(report: DiffReport): string {
  const strip = ({ axis, label, claims, at, before, after }: DiffWitness) => ({ axis, label, claims, at, before, after });
  return `${JSON.stringify({ provider: report.provider, broadened: report.broadened.map(strip), narrowed: report.narrowed.map(strip), unchanged: report.unchanged }, null, 2)}\n`;
}

function describe(witness: DiffWitness): string[] {
  const lines = [`  [${witness.axis}] ${witness.label}: ${witness.before} before, ${witness.after} after`];
  const sub = witness.claims.sub;
  if (typeof sub === 'string') lines.push(`       sub: ${sub}`);
  return lines;
}

export function diffText(report: DiffReport): string {
  const lines = [`${report.provider}: ${report.broadened.length} broadened, ${report.narrowed.length} narrowed, ${report.unchanged} unchanged`];
  if (report.broadened.length > 0) {
    lines.push('Now let in (refused before):');
    for (const witness of report.broadened) lines.push(...describe(witness));
  }
  if (report.narrowed.length > 0) {
    lines.push('Now refused (let in before):');
    for (const witness of report.narrowed) lines.push(...describe(witness));
  }
  return `${lines.join('\n')}\n`;
}

export async function diffCommand(argv: string[], io: CliIO): Promise<number> {
  const args = parseArgs(argv, ['before', 'after', 'token', 'claims', 'provider', 'at', 'format', 'option'], ['option']);
  const jsonWanted = wantsJson(argv);
  const fail = (message: string): number => {
    io.stderr(`trustlens: ${message}\n`);
    if (jsonWanted) io.stdout(`${JSON.stringify({ error: message })}\n`);
    return 2;
  };
  if ('error' in args) return fail(`${args.error}\n${DIFF_USAGE}`);
  if (args.positional.length > 0) return fail(`unexpected argument ${args.positional[0]}\n${DIFF_USAGE}`);
  const common = readCommon(args, io);
  if (!common.ok) return fail(common.message);
  const beforePath = args.flags.get('before');
  const afterPath = args.flags.get('after');
  if (!beforePath || !afterPath) return fail(`--before and --after are required\n${DIFF_USAGE}`);
  const tokenPath = args.flags.get('token');
  const claimsPath = args.flags.get('claims');
  if (tokenPath && claimsPath) return fail(`give at most one of --token and --claims\n${DIFF_USAGE}`);
  const tokenFile = tokenPath ?? claimsPath;
  const files = await readFiles([...new Set([beforePath, afterPath, ...(tokenFile ? [tokenFile] : [])])], io);
  if (!files.ok) return fail(files.message);
  let claims: Record<string, unknown> | null = null;
  if (tokenFile) {
    const read = readClaims(files.value[tokenFile], tokenFile, tokenPath ? 'token' : 'claims');
    if (!read.ok) return fail(read.message);
    claims = read.value;
  }
  const { provider, at, options, format } = common.value;
  const report = diffPolicies({ before: files.value[beforePath], after: files.value[afterPath], provider, claims, at, options });
  if (report.error) {
    const [which, ...rest] = report.error.split(': ');
    const file = which === 'before' ? beforePath : which === 'after' ? afterPath : null;
    return fail(file ? `${file}: ${rest.join(': ')}` : report.error);
  }
  io.stdout(format === 'json' ? diffJson(report) : diffText(report));
  return report.broadened.length > 0 ? 1 : 0;
}
