/**
 * JSON scenario files read as they arrive: the top-level keys before `scenarios` make the header,
 * then each item of the `scenarios` array is cut out of the text, parsed and checked on its own, so
 * memory holds one scenario at a time whatever the file's length.
 *
 * The reader streams only the shape generated files have (an object whose last key is a
 * `scenarios` list, strict JSON). Anything else — a single case, keys after the list, a duplicate
 * key, malformed JSON or a scenario the checks refuse — ends the stream with `whole`: the caller
 * then reads the file whole, which gives the same scenarios or the same located error as before.
 * Scenarios already yielded from such a file are to be discarded by the caller. A file that does
 * not open with `{` is streamed as YAML (scenario-stream-yaml.ts), on the same terms.
 */
import { MAX_DEPTH, parseJsonDocument } from '../engine/json';
import { streamYamlScenarios } from './scenario-stream-yaml';
import { asRecord, headerProblem, lexemesIn, readScenarioEntry, type LexemeAt, type Scenario, type ScenarioFileHeader, type StreamEnd } from './scenarios';

const NEED = -1;
const BAD = -2;
/** Nesting beyond this (counted from the file's top) is left to the whole-file reader and its depth check. */
const DEPTH_LIMIT = MAX_DEPTH - 4;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

/** End (exclusive) of the string starting at `start` (its opening quote), or NEED. */
function scanString(text: string, start: number): number {
  let at = start + 1;
  for (;;) {
    const quote = text.indexOf('"', at);
    if (quote < 0) return NEED;
    let backslashes = 0;
    for (let k = quote - 1; k > start && text.charCodeAt(k) === BACKSLASH; k--) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    at = quote + 1;
  }
}

/**
 * End (exclusive) of the JSON value starting at `start`, NEED when the text stops inside it, BAD
 * when it nests too deep. Brackets are only counted: the value's parse checks its grammar.
 */
function scanValue(text: string, start: number, depth: number, atEnd: boolean): number {
  const first = text.charCodeAt(start);
  if (first === QUOTE) return scanString(text, start);
  if (first === 0x7b || first === 0x5b) {
    let open = 0;
    for (let at = start; at < text.length; at++) {
      const code = text.charCodeAt(at);
      if (code === QUOTE) {
        const end = scanString(text, at);
        if (end < 0) return end;
        at = end - 1;
      } else if (code === 0x7b || code === 0x5b) {
        if (++open + depth > DEPTH_LIMIT) return BAD;
      } else if (code === 0x7d || code === 0x5d) {
        if (--open === 0) return at + 1;
      }
    }
    return NEED;
  }
  let at = start;
  while (at < text.length) {
    const code = text.charCodeAt(at);
    if (isSpace(code) || code === 0x2c || code === 0x7d || code === 0x5d) return at;
    at++;
  }
  return atEnd ? at : NEED;
}

/** Text arriving in chunks, consumed from the front; what is consumed is let go. */
class Cursor {
  private text = '';
  private at = 0;
  private ended = false;
  private readonly iterator: AsyncIterator<string>;

  constructor(chunks: AsyncIterable<string>) {
    this.iterator = chunks[Symbol.asyncIterator]();
  }

  /** Reads one more chunk; false at the end of the input. */
  private async more(): Promise<boolean> {
    if (this.ended) return false;
    const next = await this.iterator.next();
    if (next.done) {
      this.ended = true;
      return false;
    }
    this.text = this.text.slice(this.at) + next.value;
    this.at = 0;
    return true;
  }

  /** The next character code after white space, not consumed; NaN at the end of the input. */
  async peek(): Promise<number> {
    for (;;) {
      while (this.at < this.text.length && isSpace(this.text.charCodeAt(this.at))) this.at++;
      if (this.at < this.text.length) return this.text.charCodeAt(this.at);
      if (!(await this.more())) return NaN;
    }
  }

  skip(): void {
    this.at++;
  }

  /** The next value's text (after white space), or null when it is cut off or nests too deep. */
  async value(depth: number): Promise<string | null> {
    if (Number.isNaN(await this.peek())) return null;
    for (;;) {
      const end = scanValue(this.text, this.at, depth, this.ended);
      if (end === BAD) return null;
      if (end >= 0) {
        const value = this.text.slice(this.at, end);
        this.at = end;
        return value;
      }
      if (!(await this.more())) {
        const last = scanValue(this.text, this.at, depth, true);
        if (last < 0) return null;
        const value = this.text.slice(this.at, last);
        this.at = last;
        return value;
      }
    }
  }

  async close(): Promise<void> {
    await this.iterator.return?.();
  }
}

/** The raw text of each member of a JSON object's text, or null when a key repeats or the text is no object. */
function objectMembers(raw: string): Map<string, string> | null {
  const members = new Map<string, string>();
  let at = 1;
  const skipSpace = (): void => {
    while (at < raw.length && isSpace(raw.charCodeAt(at))) at++;
  };
  skipSpace();
  if (raw.charCodeAt(0) !== 0x7b) return null;
  if (raw.charCodeAt(at) === 0x7d) return members;
  for (;;) {
    skipSpace();
    if (raw.charCodeAt(at) !== QUOTE) return null;
    const keyEnd = scanString(raw, at);
    if (keyEnd < 0) return null;
    const key = raw.slice(at + 1, keyEnd - 1);
    if (key.includes('\\') || members.has(key)) return null;
    at = keyEnd;
    skipSpace();
    if (raw.charCodeAt(at) !== 0x3a) return null;
    at++;
    skipSpace();
    const end = scanValue(raw, at, 2, true);
    if (end < 0) return null;
    members.set(key, raw.slice(at, end));
    at = end;
    skipSpace();
    const next = raw.charCodeAt(at++);
    if (next === 0x7d) return members;
    if (next !== 0x2c) return null;
  }
}

interface Item {
  entry: Record<string, unknown>;
  lexeme: LexemeAt;
  /** The claims, already parsed, when they read the same as the claims reader would read them. */
  claims?: Record<string, unknown>;
}

/**
 * One item of the list. Plain items (no escapes, no `__proto__`, no repeated key) are parsed by
 * JSON.parse, which then reads exactly as the document parser does; others by the document parser.
 */
function readItem(raw: string, fileName: string): Item | null {
  if (!raw.includes('__proto__') && !raw.includes('\\u')) {
    const members = objectMembers(raw);
    const parsed = members ? parseStrict(raw) : null;
    if (members && parsed) {
      const entry = parsed.value as Record<string, unknown>;
      const claims = asRecord(entry.claims) ?? undefined;
      return { entry, lexeme: (key) => members.get(key), ...(claims ? { claims } : {}) };
    }
  }
  const item = parseJsonDocument(raw, fileName);
  if (!item.ok) return null;
  return { entry: asRecord(item.doc.value) ?? {}, lexeme: lexemesIn(item.doc, []) };
}

function parseStrict(text: string): { value: unknown } | null {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return null;
  }
}

/** `head`, then the rest of `iterator`; closing it closes `iterator`. */
function prepend(head: string, iterator: AsyncIterator<string>): AsyncIterable<string> {
  let pending: string | null = head;
  return {
    [Symbol.asyncIterator]: () => ({
      next: async (): Promise<IteratorResult<string>> => {
        if (pending === null) return iterator.next();
        const value = pending;
        pending = null;
        return { done: false, value };
      },
      return: async (): Promise<IteratorResult<string>> => {
        pending = null;
        await iterator.return?.();
        return { done: true, value: undefined };
      },
    }),
  };
}

/**
 * The scenarios of a scenario file, JSON or YAML, one at a time as the text arrives; returns
 * `whole` when the file must be read whole instead (see the module comment).
 */
export async function* streamScenarios(chunks: AsyncIterable<string>, fileName: string): AsyncGenerator<Scenario, StreamEnd> {
  const iterator = chunks[Symbol.asyncIterator]();
  let head = '';
  let first = NaN;
  try {
    while (Number.isNaN(first)) {
      const next = await iterator.next();
      if (next.done) break;
      head += next.value;
      for (let at = head.length - next.value.length; at < head.length && Number.isNaN(first); at++) {
        if (!isSpace(head.charCodeAt(at))) first = head.charCodeAt(at);
      }
    }
  } catch (error) {
    await iterator.return?.();
    throw error;
  }
  if (Number.isNaN(first)) {
    await iterator.return?.();
    return 'whole';
  }
  const rest = prepend(head, iterator);
  return yield* first === 0x7b ? streamJsonScenarios(rest, fileName) : streamYamlScenarios(rest, fileName);
}

async function* streamJsonScenarios(chunks: AsyncIterable<string>, fileName: string): AsyncGenerator<Scenario, StreamEnd> {
  const cursor = new Cursor(chunks);
  try {
    if ((await cursor.peek()) !== 0x7b) return 'whole';
    cursor.skip();
    const file: Record<string, unknown> = {};
    const lexemes = new Map<string, string>();
    const header: ScenarioFileHeader = { file, lexeme: (key) => lexemes.get(key) };
    if ((await cursor.peek()) === 0x7d) return 'whole';
    for (;;) {
      const keyText = await cursor.value(1);
      const key = keyText?.startsWith('"') ? parseStrict(keyText)?.value : undefined;
      if (typeof key !== 'string' || Object.hasOwn(file, key) || key === '__proto__') return 'whole';
      if ((await cursor.peek()) !== 0x3a) return 'whole';
      cursor.skip();
      if (key === 'scenarios' && (await cursor.peek()) === 0x5b) {
        cursor.skip();
        if (headerProblem(header, fileName)) return 'whole';
        break;
      }
      const raw = await cursor.value(1);
      const parsed = raw === null ? null : parseStrict(raw);
      if (!parsed) return 'whole';
      file[key] = parsed.value;
      lexemes.set(key, raw!);
      const next = await cursor.peek();
      cursor.skip();
      // An object without a list of scenarios (a single case) is small: the whole-file reader takes it.
      if (next !== 0x2c) return 'whole';
    }
    if ((await cursor.peek()) !== 0x5d) {
      for (let index = 0; ; index++) {
        const raw = await cursor.value(2);
        if (raw === null) return 'whole';
        const item = readItem(raw, fileName);
        if (!item) return 'whole';
        const scenario = readScenarioEntry(header, item.entry, index, item.lexeme, fileName);
        if (typeof scenario === 'string') return 'whole';
        if (item.claims !== undefined && scenario.tokenKind === 'claims') scenario.claimsValue = item.claims;
        yield scenario;
        const next = await cursor.peek();
        cursor.skip();
        if (next === 0x5d) break;
        if (next !== 0x2c || (await cursor.peek()) === 0x5d) return 'whole';
      }
    } else cursor.skip();
    // Keys after the list could change every scenario (a file-level `at`, say): read such a file whole.
    if ((await cursor.peek()) !== 0x7d) return 'whole';
    cursor.skip();
    return Number.isNaN(await cursor.peek()) ? 'done' : 'whole';
  } finally {
    await cursor.close();
  }
}
