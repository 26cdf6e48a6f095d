/**
 * YAML scenario files read as they arrive, for the shape generators and people write: a block
 * mapping at the left margin whose last key is `scenarios:`, followed by a block sequence. The
 * lines before `scenarios:` make the header; each item of the sequence (its `- ` line and the
 * lines below it, up to the next `- ` at the same indentation) is parsed alone by the same parser
 * with the same options as the whole file, and checked as the whole-file reader checks it.
 *
 * Cutting by lines is sound because YAML's indentation decides where an item ends: a block scalar
 * or a plain scalar cannot reach back to the sequence's own indentation, and a quoted scalar or a
 * flow collection that runs on past the cut leaves its piece unclosed, which the piece's tokens
 * show. What could make a piece read differently alone — anchors, aliases, tags, explicit keys,
 * directives, document markers, tabs, CR, a byte-order mark, collections as keys, warnings, deep
 * nesting — or anything after the list ends the stream with `whole`: the file is then read whole,
 * as are files whose text or checks fail, and the whole-file reader gives the located error.
 */
import { Composer, isAlias, isMap, isScalar, isSeq, Parser, visit, type CST, type Document } from 'yaml';
import { asRecord, headerProblem, readScenarioEntry, type Scenario, type ScenarioFileHeader, type StreamEnd } from './scenarios';

/** Values nested deeper are left to the whole-file reader, one level deeper there, lest it alone run out of stack. */
const DEPTH_LIMIT = 64;

/** Lines of text arriving in chunks, each with its line break; what is returned is let go. */
class LineReader {
  private text = '';
  private at = 0;
  /** Where the search for the next line break resumes. */
  private scanned = 0;
  private ended = false;

  constructor(private readonly iterator: AsyncIterator<string>) {}

  async next(): Promise<string | null> {
    for (;;) {
      const end = this.text.indexOf('\n', Math.max(this.at, this.scanned));
      if (end >= 0) {
        const line = this.text.slice(this.at, end + 1);
        this.at = this.scanned = end + 1;
        return line;
      }
      if (this.ended) {
        if (this.at >= this.text.length) return null;
        const line = this.text.slice(this.at);
        this.at = this.scanned = this.text.length;
        return line;
      }
      const chunk = await this.iterator.next();
      if (chunk.done) this.ended = true;
      else {
        // What is left holds no line break: the search resumes after it.
        this.scanned = this.text.length - this.at;
        this.text = this.text.slice(this.at) + chunk.value;
        this.at = 0;
      }
    }
  }

  async close(): Promise<void> {
    await this.iterator.return?.();
  }
}

/** Lines any of which make the reader leave the file whole (see the module comment). */
const UNSURE = /[\t\r\uFEFF]|^(?:%|(?:---|\.\.\.)(?:[ \n]|$))/;
const SCENARIOS = /^scenarios:(?: +(?:#.*)?)?\n?$/;
const ITEM = /^-(?: |\n|$)/;

function indentOf(line: string): number {
  let at = 0;
  while (line.charCodeAt(at) === 0x20) at++;
  return at;
}

function isBlank(line: string, indent: number): boolean {
  return indent === line.length || line[indent] === '\n';
}

/** Whether a quoted scalar's source has its closing quote (not one escaped by `\\` or doubled). */
function quoteClosed(source: string): boolean {
  const quote = source[0];
  if (source.length < 2 || source[source.length - 1] !== quote) return false;
  let run = 0;
  if (quote === '"') {
    for (let at = source.length - 2; at > 0 && source[at] === '\\'; at--) run++;
    return run % 2 === 0;
  }
  for (let at = source.length - 1; at > 0 && source[at] === "'"; at--) run++;
  return run % 2 === 1;
}

const CLOSER: Record<string, string> = { '{': '}', '[': ']' };

/**
 * Whether the parser's tokens close everything they open and keep everything they hold. The parser
 * forgives some malformed text without an error (a value after an explicit `?` key without `:` is
 * dropped, and an unclosed quote inside it with it); such a text, cut from a file, could end inside
 * a scalar or a collection that in the whole file runs on into the next item.
 */
function tokensSound(token: unknown): boolean {
  if (Array.isArray(token)) return token.every(tokensSound);
  if (typeof token !== 'object' || token === null) return true;
  const t = token as CST.Token;
  switch (t.type) {
    case 'error':
    case 'flow-error-end':
    case 'explicit-key-ind':
    case 'byte-order-mark':
    case 'directive':
    case 'directive-line':
    case 'doc-start':
    case 'doc-end':
    case 'anchor':
    case 'tag':
    case 'alias':
      return false;
    case 'single-quoted-scalar':
    case 'double-quoted-scalar':
      return quoteClosed(t.source) && tokensSound(t.end);
    case 'flow-collection':
      return t.end.some((end) => end.source === CLOSER[t.start.source]) && tokensSound(t.items) && tokensSound(t.end);
    case 'block-map':
      return t.items.every(
        (item) => !!item.key === !!item.sep && (!item.value || !!item.sep?.some((sep) => sep.type === 'map-value-ind')) && tokensSound(item.start) && tokensSound(item.key) && tokensSound(item.sep) && tokensSound(item.value),
      );
    case 'block-seq':
      return t.items.every((item) => (!item.value || item.start.some((start) => start.type === 'seq-item-ind')) && tokensSound(item.start) && tokensSound(item.value));
    case 'document':
      return tokensSound(t.start) && tokensSound(t.value) && tokensSound(t.end);
    case 'block-scalar':
      return tokensSound(t.props);
    case 'scalar':
      return tokensSound(t.end);
    default:
      return true;
  }
}

/**
 * A text parsed as the `yaml` package's `parse` parses it (same parser, same composer, default
 * options), when it reads the same wherever it stands: sound tokens, no errors or warnings, no
 * anchors, aliases or explicit tags, scalar keys only, nesting not too deep. Null otherwise.
 */
function parsePiece(text: string): { doc: Document; value: unknown } | null {
  const tokens = [...new Parser().parse(text)];
  if (!tokensSound(tokens)) return null;
  const docs = [...new Composer().compose(tokens, true, text.length)];
  if (docs.length !== 1) return null;
  const doc = docs[0];
  if (doc.errors.length > 0 || doc.warnings.length > 0) return null;
  let plain = true;
  visit(doc, {
    Pair(_, pair) {
      if (!isScalar(pair.key)) plain = false;
    },
    Node(_, node) {
      if (isAlias(node) || node.anchor !== undefined || node.tag !== undefined) plain = false;
    },
  });
  if (!plain) return null;
  const value = doc.toJS() as unknown;
  return depthWithin(value, DEPTH_LIMIT) ? { doc, value } : null;
}

function depthWithin(value: unknown, limit: number): boolean {
  if (typeof value !== 'object' || value === null) return true;
  if (limit === 0) return false;
  return Object.values(value).every((inner) => depthWithin(inner, limit - 1));
}

/** The file-level keys, from the text before `scenarios:`, or null when it must be read whole. */
function readHeader(text: string, fileName: string): ScenarioFileHeader | null {
  const piece = parsePiece(text);
  if (!piece) return null;
  const { doc, value } = piece;
  if (doc.contents !== null && !(isMap(doc.contents) && !doc.contents.flow)) return null;
  const file = doc.contents === null ? {} : asRecord(value);
  if (!file || Object.hasOwn(file, 'scenarios')) return null;
  const header: ScenarioFileHeader = { file, lexeme: null };
  return headerProblem(header, fileName) === null ? header : null;
}

/** One item's text (its lines, at their own indentation) read as the whole file would read it, or null. */
function readItem(text: string): Record<string, unknown> | null {
  const piece = parsePiece(text);
  if (!piece) return null;
  const { doc, value } = piece;
  if (!isSeq(doc.contents) || doc.contents.flow || doc.contents.items.length !== 1) return null;
  return Array.isArray(value) ? asRecord(value[0]) : null;
}

/** The scenarios of a YAML scenario file, one at a time as its lines arrive (see the module comment). */
export async function* streamYamlScenarios(chunks: AsyncIterable<string>, fileName: string): AsyncGenerator<Scenario, StreamEnd> {
  const lines = new LineReader(chunks[Symbol.asyncIterator]());
  try {
    let headerText = '';
    let started = false;
    for (;;) {
      const line = await lines.next();
      if (line === null || UNSURE.test(line)) return 'whole';
      if (SCENARIOS.test(line)) break;
      const indent = indentOf(line);
      if (!started && !isBlank(line, indent) && line[indent] !== '#') {
        // The mapping must stand at the left margin for `scenarios:` there to be one of its keys.
        if (indent > 0) return 'whole';
        started = true;
      }
      headerText += line;
    }
    const header = readHeader(headerText, fileName);
    if (!header) return 'whole';
    headerText = '';

    /** The sequence's indentation, known from its first item. */
    let sequence = -1;
    let item: string[] | null = null;
    let index = 0;
    const finish = (): Scenario | null => {
      const entry = item ? readItem(item.join('')) : null;
      item = null;
      if (!entry) return null;
      const scenario = readScenarioEntry(header, entry, index++, null, fileName);
      return typeof scenario === 'string' ? null : scenario;
    };
    for (;;) {
      const line = await lines.next();
      if (line === null) break;
      if (UNSURE.test(line)) return 'whole';
      const indent = indentOf(line);
      if (isBlank(line, indent)) {
        // Blank lines belong to the item before them: a block scalar kept with `|+` takes them in.
        item?.push(line);
        continue;
      }
      const comment = line[indent] === '#';
      const starts = !comment && ITEM.test(line.slice(indent));
      if (sequence < 0) {
        if (comment) continue;
        if (!starts) return 'whole';
        sequence = indent;
      }
      if (indent > sequence) {
        if (item) item.push(line);
        // A continuation after a comment at the sequence's indentation: the item did not end where it was cut.
        else if (!comment) return 'whole';
        continue;
      }
      if (!comment && !(starts && indent === sequence)) return 'whole';
      // A comment this far left ends the item: were it inside a quoted scalar or a flow collection, the item cut before it is left unclosed.
      if (item) {
        const scenario = finish();
        if (!scenario) return 'whole';
        yield scenario;
      }
      if (starts) item = [line];
    }
    if (item) {
      const scenario = finish();
      if (!scenario) return 'whole';
      yield scenario;
    }
    return index > 0 ? 'done' : 'whole';
  } finally {
    await lines.close();
  }
}
