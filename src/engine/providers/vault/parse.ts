/**
 * Reads a Vault JWT role in the forms people have at hand:
 * - `vault read -format=json auth/<mount>/role/<name>` output: `{"data": {…}}`;
 * - the bare role parameters `{…}`;
 * - `{"config": {…}, "role": {…}}` with the auth method's config;
 * - `vault write auth/<mount>/role/<name> key=value …` command lines, including the heredoc form
 *   `vault write auth/jwt/role/x - <<EOF {…} EOF`, optionally with a `vault write auth/<mount>/config`.
 * Values keep their JSON lexemes and their source ranges.
 */
import { parseTree, type Node, type ParseError } from 'jsonc-parser';
import { LineIndex, parseJsonDocument, type LocatedError } from '../../json';
import type { ParseOutcome } from '../../provider';
import type { SourceRange } from '../../result';
import { lastWins, locateJsonNode, type LocatedEntry, type LocatedValue } from './located';
import { splitCommands, type ShellCommand, type ShellWord } from './shell';

export type PolicyShape = 'read' | 'bare' | 'config-and-role' | 'write';

export interface VaultPolicy {
  shape: PolicyShape;
  /** From the `vault write` path or a `name` member; null when the input does not say. */
  roleName: string | null;
  /** The request fields of the role write, in source order (last duplicate wins). */
  role: LocatedEntry[];
  roleRange: SourceRange;
  config: LocatedEntry[] | null;
  configRange: SourceRange | null;
  /** Things the parser set aside, said to the user as findings. */
  notes: Array<{ message: string; source?: SourceRange }>;
}

/** Fields a role write accepts, in Vault and OpenBao (path_role.go and tokenutil). */
export const ROLE_KEY_HINTS = [
  'role_type',
  'user_claim',
  'bound_audiences',
  'bound_subject',
  'bound_claims',
  'bound_claims_type',
  'claim_mappings',
  'groups_claim',
  'token_policies',
  'allowed_redirect_uris',
  'user_claim_json_pointer',
  'expiration_leeway',
  'not_before_leeway',
  'clock_skew_leeway',
] as const;

const WRITE_LINE = /^\s*(?:\$\s+)?(?:[A-Za-z_][A-Za-z0-9_]*=\S*\s+)*(?:vault|bao)\s+write\s+(?:-\S+\s+)*['"]?\/?auth\/[^\s/]+\/role\/\S+/m;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function looksLikeRole(value: unknown): boolean {
  return isObject(value) && ROLE_KEY_HINTS.some((key) => key in value);
}

export function looksLikeVaultWrite(text: string): boolean {
  return WRITE_LINE.test(text);
}

/** Shape recognition for provider detection; never throws. */
export function detectVault(text: string, value: unknown): boolean {
  if (value === undefined) return looksLikeVaultWrite(text);
  if (!isObject(value)) return false;
  if ('data' in value) return looksLikeRole(unwrapData(value.data));
  if ('role' in value) return looksLikeRole(unwrapData(value.role));
  return looksLikeRole(value);
}

function unwrapData(value: unknown): unknown {
  if (isObject(value) && isObject(value.data) && !looksLikeRole(value)) return value.data;
  return value;
}

export function parseVaultPolicy(text: string): ParseOutcome<VaultPolicy> {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') && looksLikeVaultWrite(text)) return parseWriteCommands(text);
  const parsed = parseJsonDocument(text, 'The Vault role');
  if (!parsed.ok) {
    if (looksLikeVaultWrite(text)) return parseWriteCommands(text);
    return { ok: false, error: parsed.error };
  }
  const lines = parsed.doc.lines;
  const root = locateJsonNode(parsed.doc.root, text, 0, lines);
  if (!root.entries) {
    return fail('The Vault role must be a JSON object: the role parameters, {"data": {…}} as `vault read -format=json` prints it, or {"config": {…}, "role": {…}}.', root.range);
  }
  const top = root.entries;
  const data = top.find((e) => e.key === 'data');
  const role = top.find((e) => e.key === 'role');
  if (data && !role && !looksLikeRoleEntries(top)) {
    const inner = unwrapLocated(data.value);
    if (!inner.entries) return fail('"data" must be an object holding the role parameters.', data.value.range);
    return ok('read', inner, null, top);
  }
  if (role) {
    const inner = unwrapLocated(role.value);
    if (!inner.entries) return fail('"role" must be an object holding the role parameters.', role.value.range);
    const configEntry = top.find((e) => e.key === 'config');
    let config: LocatedValue | null = null;
    if (configEntry) {
      config = unwrapLocated(configEntry.value);
      if (!config.entries) return fail('"config" must be an object holding the auth method\'s config.', configEntry.value.range);
    }
    return ok('config-and-role', inner, config, top);
  }
  return ok('bare', root, null, null);

  function ok(shape: PolicyShape, roleValue: LocatedValue, config: LocatedValue | null, outer: LocatedEntry[] | null): ParseOutcome<VaultPolicy> {
    const nameEntry = outer?.find((e) => e.key === 'name') ?? roleValue.entries!.find((e) => e.key === 'name');
    const roleName = nameEntry && nameEntry.value.go.kind === 'string' ? nameEntry.value.go.value.toLowerCase() : null;
    return {
      ok: true,
      policy: {
        shape,
        roleName,
        role: roleValue.entries!,
        roleRange: roleValue.range,
        config: config?.entries ?? null,
        configRange: config?.range ?? null,
        notes: [],
      },
    };
  }
}

function looksLikeRoleEntries(entries: LocatedEntry[]): boolean {
  return entries.some((e) => (ROLE_KEY_HINTS as readonly string[]).includes(e.key));
}

/** `{"data": {…}}` nested inside "role" or "config" (pasted `vault read` output). */
function unwrapLocated(value: LocatedValue): LocatedValue {
  const entries = value.entries;
  if (!entries) return value;
  const data = entries.find((e) => e.key === 'data');
  if (data?.value.entries && !looksLikeRoleEntries(entries)) return data.value;
  return value;
}

function fail(message: string, source: SourceRange): { ok: false; error: LocatedError } {
  return { ok: false, error: { message, source } };
}

const ROLE_PATH = /^\/?auth\/([^/]+)\/role\/([^/]+)\/?$/;
const CONFIG_PATH = /^\/?auth\/([^/]+)\/config\/?$/;

function parseWriteCommands(text: string): ParseOutcome<VaultPolicy> {
  const lines = new LineIndex(text);
  const notes: VaultPolicy['notes'] = [];
  let role: { entries: LocatedEntry[]; range: SourceRange; name: string } | null = null;
  let config: { entries: LocatedEntry[]; range: SourceRange } | null = null;
  for (const command of splitCommands(text)) {
    const write = vaultWrite(command);
    if (!write) continue;
    const range = lines.range(command.start, Math.max(command.start + 1, command.end));
    const roleMatch = ROLE_PATH.exec(write.path.text);
    const configMatch = CONFIG_PATH.exec(write.path.text);
    if (!roleMatch && !configMatch) {
      notes.push({ message: `\`${write.path.text}\` is neither a role nor the config of a JWT auth mount; it was not read.`, source: lines.range(write.path.start, write.path.end) });
      continue;
    }
    const fields = readArguments(write.args, command, lines);
    if (!fields.ok) return fields;
    if (roleMatch) {
      if (role) notes.push({ message: `Several role writes: only the last one (role "${roleMatch[2]}") is evaluated.`, source: range });
      role = { entries: fields.entries, range, name: roleMatch[2].toLowerCase() };
    } else {
      config = { entries: fields.entries, range };
    }
  }
  if (!role) {
    return fail('No `vault write auth/<mount>/role/<name> …` command was found.', lines.range(0, Math.max(1, text.length)));
  }
  return {
    ok: true,
    policy: {
      shape: 'write',
      roleName: role.name,
      role: role.entries,
      roleRange: role.range,
      config: config?.entries ?? null,
      configRange: config?.range ?? null,
      notes,
    },
  };
}

function vaultWrite(command: ShellCommand): { path: ShellWord; args: ShellWord[] } | null {
  let words = command.words;
  if (words[0]?.text === '$') words = words.slice(1);
  while (words.length > 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0].text)) words = words.slice(1);
  if (words.length < 3 || (words[0].text !== 'vault' && words[0].text !== 'bao') || words[1].text !== 'write') return null;
  let index = 2;
  // CLI flags come before the path (`-format=json`, `-force`); a lone `-` is data from stdin.
  while (index < words.length && words[index].text.startsWith('-') && words[index].text !== '-') index++;
  const path = words[index];
  if (!path) return null;
  return { path, args: words.slice(index + 1) };
}

type ArgumentsOutcome = { ok: true; entries: LocatedEntry[] } | { ok: false; error: LocatedError };

/**
 * The CLI's key/value builder: `key=value` strings, `-` merges a JSON object from stdin, `key=-`
 * reads the value from stdin, `key=@file` reads a file, and a repeated key becomes a list.
 */
function readArguments(args: ShellWord[], command: ShellCommand, lines: LineIndex): ArgumentsOutcome {
  const entries: LocatedEntry[] = [];
  let stdinUsed = false;
  const wordRange = (word: ShellWord) => lines.range(word.start, Math.max(word.end, word.start + 1));
  const stdin = (word: ShellWord): { ok: true; body: string; bodyStart: number } | { ok: false; error: LocatedError } => {
    if (stdinUsed) return fail('stdin already consumed', wordRange(word));
    stdinUsed = true;
    if (!command.heredoc) {
      return fail('`-` reads standard input; paste the heredoc too (`vault write … - <<EOF` followed by the JSON and `EOF`).', wordRange(word));
    }
    return { ok: true, body: command.heredoc.body, bodyStart: command.heredoc.bodyStart };
  };
  for (const word of args) {
    if (word.text === '') continue;
    if (word.text === '-') {
      const input = stdin(word);
      if (!input.ok) return input;
      const json = parseHeredocJson(input.body, input.bodyStart, lines);
      if (!json.ok) return json;
      entries.push(...json.entries);
      continue;
    }
    if (word.equalsAt === null) return fail('format must be key=value', wordRange(word));
    const key = word.text.slice(0, word.text.indexOf('='));
    let value = word.text.slice(word.text.indexOf('=') + 1);
    const keyRange = lines.range(word.start, word.equalsAt);
    let valueRange = lines.range(word.equalsAt + 1, Math.max(word.end, word.equalsAt + 1));
    if (value.startsWith('@')) {
      return fail(`\`${key}=@${value.slice(1)}\` reads the local file ${value.slice(1)}, which trustlens cannot open; paste its content instead.`, valueRange);
    }
    if (value.startsWith('\\@')) value = value.slice(1);
    if (value === '-') {
      const input = stdin(word);
      if (!input.ok) return input;
      value = input.body;
      valueRange = lines.range(input.bodyStart, input.bodyStart + Math.max(1, input.body.length));
    }
    const located: LocatedValue = { go: { kind: 'string', value }, range: valueRange };
    const existing = entries.findIndex((e) => e.key === key);
    if (existing >= 0) {
      // Repeated keys become a list, as the CLI's key/value builder does.
      const previous = entries[existing];
      const items = previous.value.items ?? [previous.value];
      const merged: LocatedValue = {
        go: { kind: 'list', items: [...items.map((i) => i.go), located.go] },
        range: located.range,
        items: [...items, located],
      };
      entries[existing] = { ...previous, range: lines.range(word.start, word.end), value: merged };
      continue;
    }
    entries.push({ key, keyRange, range: lines.range(word.start, Math.max(word.end, word.start + 1)), value: located });
  }
  return { ok: true, entries: lastWins(entries) };
}

function parseHeredocJson(body: string, bodyStart: number, lines: LineIndex): ArgumentsOutcome {
  const errors: ParseError[] = [];
  const root: Node | undefined = parseTree(body, errors, { allowTrailingComma: false, disallowComments: true, allowEmptyContent: false });
  if (errors.length > 0 || !root) {
    const local = parseJsonDocument(body, 'The JSON read from standard input');
    const offset = bodyStart + (errors[0]?.offset ?? 0);
    const position = lines.position(offset);
    const detail = local.ok ? 'invalid JSON' : local.error.message.replace(/ at line \d+, column \d+$/, '');
    return fail(`${detail} at line ${position.line}, column ${position.column}`, lines.range(offset, offset + 1));
  }
  const value = locateJsonNode(root, body, bodyStart, lines);
  if (!value.entries) return fail('The JSON read from standard input must be an object of role parameters.', value.range);
  return { ok: true, entries: value.entries };
}
