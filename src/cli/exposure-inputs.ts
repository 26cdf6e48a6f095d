/**
 * Flags `exposure` and `diff` share with `eval`: --provider, --at, --option, --token/--claims,
 * --format, files or `-` for standard input; the same messages and exit status 2.
 */
import { loadIacReaders } from '../engine/inputs/index';
import { PROVIDER_IDS, type ProviderId } from '../engine/result';
import { parseInstant } from '../engine/time';
import { decodeToken, parseClaims } from '../engine/token';
import { parseArgs, wantsHelp, type ParsedArgs } from './args';
import type { CliIO } from './io';
import { addVarFiles, IAC_FLAGS, IAC_REPEATED, iacOptions } from './policy-input';

export interface CommonInputs {
  provider: ProviderId | null;
  at: number;
  options: Record<string, string>;
  format: 'text' | 'json';
}

export type Read<T> = { ok: true; value: T } | { ok: false; message: string };

export function readCommon(args: ParsedArgs, io: CliIO): Read<CommonInputs> {
  const format = args.flags.get('format') ?? 'text';
  if (format !== 'text' && format !== 'json') return { ok: false, message: `--format must be text or json, not ${format}` };
  // As for eval: --provider AWS is --provider aws.
  const providerFlag = args.flags.get('provider')?.toLowerCase();
  if (providerFlag !== undefined && !PROVIDER_IDS.includes(providerFlag as ProviderId)) {
    return { ok: false, message: `unknown provider ${providerFlag}: use aws, vault, gcp or azure` };
  }
  let at = Math.floor(io.now() / 1000);
  const atFlag = args.flags.get('at');
  if (atFlag !== undefined) {
    const parsed = parseInstant(atFlag);
    if (parsed === null) return { ok: false, message: `--at ${atFlag} is neither ISO 8601 nor Unix seconds` };
    at = parsed;
  }
  const options: Record<string, string> = {};
  for (const option of args.repeated.get('option') ?? []) {
    const eq = option.indexOf('=');
    if (eq <= 0) return { ok: false, message: `--option takes KEY=VALUE, not ${option}` };
    options[option.slice(0, eq)] = option.slice(eq + 1);
  }
  return { ok: true, value: { provider: (providerFlag as ProviderId | undefined) ?? null, at, options, format } };
}

/** Reads each named file once (`-` is standard input, allowed for one of them). */
/** Reads the `--var-file` files into the options (after startCommand, which cannot wait on files). */
export async function readVarFiles(started: Started, io: CliIO): Promise<string | null> {
  return addVarFiles(started.common.options, started.args.repeated.get('var-file') ?? [], (path) => io.readFile(path));
}

export async function readFiles(paths: string[], io: CliIO): Promise<Read<Record<string, string>>> {
  if (paths.filter((path) => path === '-').length > 1) return { ok: false, message: 'at most one FILE may be - (standard input)' };
  const files: Record<string, string> = {};
  for (const path of paths) {
    try {
      files[path] = path === '-' ? await io.readStdin() : await io.readFile(path);
      // Terraform needs HashiCorp's HCL reader loaded before the engine can convert it.
      await loadIacReaders(files[path]);
    } catch (error) {
      const reason = error instanceof Error ? error.message.replace(/^[A-Z]+: /, '') : String(error);
      return { ok: false, message: `cannot read ${path === '-' ? 'standard input' : path}: ${reason}` };
    }
  }
  return { ok: true, value: files };
}

export function displayName(path: string): string {
  return path === '-' ? 'standard input' : path;
}

/** The claims of a --token (compact JWS) or --claims (JSON object) file, or a located error. */
export function readClaims(text: string, path: string, kind: 'token' | 'claims'): Read<Record<string, unknown>> {
  const outcome = kind === 'claims' ? parseClaims(text) : decodeToken(text);
  if (!outcome.ok) {
    const source = outcome.error.source;
    const location = source && !/line \d+, column \d+/.test(outcome.error.message) ? `:${source.line}:${source.column}` : '';
    return { ok: false, message: `${displayName(path)}${location}: ${outcome.error.message}` };
  }
  return { ok: true, value: outcome.token.claims };
}

/** Whether the command line asks for JSON, read before the flags are validated (errors print JSON too). */
export function wantsJson(argv: string[]): boolean {
  return argv.some((arg, index) => arg === '--format=json' || (arg === '--format' && argv[index + 1] === 'json'));
}

/** What `exposure` and `diff` have read from their flags once the shared checks pass. */
export interface Started {
  args: ParsedArgs;
  common: CommonInputs;
  /** Prints one error line (and a JSON error object with --format json); the exit status 2. */
  fail: (message: string) => number;
  /** The --token or --claims file, and which flag named it. */
  tokenFile: { path: string; kind: 'token' | 'claims' } | null;
}

/**
 * The flags both commands share with `eval` (--token/--claims, --provider, --at, --option,
 * --format, and Terraform's --resource/--var), checked in one place so their messages agree.
 */
export function startCommand(argv: string[], fileFlags: readonly string[], usage: string, io: CliIO): Started | { exit: number } {
  if (wantsHelp(argv)) {
    io.stdout(`${usage}\n`);
    return { exit: 0 };
  }
  const args = parseArgs(argv, [...fileFlags, 'token', 'claims', 'provider', 'at', 'format', 'option', ...IAC_FLAGS], ['option', ...IAC_REPEATED]);
  const jsonWanted = wantsJson(argv);
  const fail = (message: string): number => {
    io.stderr(`trustlens: ${message}\n`);
    if (jsonWanted) io.stdout(`${JSON.stringify({ error: message })}\n`);
    return 2;
  };
  if ('error' in args) return { exit: fail(`${args.error}\n${usage}`) };
  if (args.positional.length > 0) return { exit: fail(`unexpected argument ${args.positional[0]}\n${usage}`) };
  const common = readCommon(args, io);
  if (!common.ok) return { exit: fail(common.message) };
  const iac = iacOptions(args.flags.get('resource'), args.repeated.get('var') ?? []);
  if ('error' in iac) return { exit: fail(iac.error) };
  Object.assign(common.value.options, iac);
  const tokenPath = args.flags.get('token');
  const claimsPath = args.flags.get('claims');
  if (tokenPath && claimsPath) return { exit: fail(`give at most one of --token and --claims\n${usage}`) };
  const tokenFile = tokenPath ? { path: tokenPath, kind: 'token' as const } : claimsPath ? { path: claimsPath, kind: 'claims' as const } : null;
  return { args, common: common.value, fail, tokenFile };
}

/** The claims of the --token/--claims file among those read, or null when none was named. */
export function claimsFrom(started: Started, files: Record<string, string>): Read<Record<string, unknown> | null> {
  if (!started.tokenFile) return { ok: true, value: null };
  return readClaims(files[started.tokenFile.path], started.tokenFile.path, started.tokenFile.kind);
}
