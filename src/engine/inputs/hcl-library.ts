/**
 * The HCL implementation: `hcl2-parser`, HashiCorp's hcl/v2 (through tmccombs/hcl2json) compiled
 * to JavaScript. It is large, so it is imported only when Terraform text is pasted; once loaded
 * it parses synchronously. Its output is the HCL JSON form: literal values as JSON, every other
 * expression as a `${…}` string holding the expression's source text.
 */

export interface HclLibrary {
  /** `[value, null]` on success, `[null, error]` when the text is not HCL. */
  parseToObject(text: string): [unknown, unknown];
}

let loaded: HclLibrary | null = null;
let loading: Promise<HclLibrary> | null = null;

export function hclLibraryIfLoaded(): HclLibrary | null {
  return loaded;
}

export function loadHclLibrary(): Promise<HclLibrary> {
  loading ??= import('./hcl-parser-chunk').then((module: unknown) => {
    // CommonJS interop wraps the library in one or two `default`s depending on the bundler.
    let candidate = module as { parseToObject?: unknown; default?: unknown } | undefined;
    for (let i = 0; i < 3 && candidate && typeof candidate.parseToObject !== 'function'; i++) candidate = candidate.default as typeof candidate;
    if (!candidate || typeof candidate.parseToObject !== 'function') throw new Error('the HCL library did not load');
    loaded = candidate as HclLibrary;
    return loaded;
  });
  loading.catch(() => {
    loading = null;
  });
  return loading;
}

const recent = new Map<string, Record<string, unknown> | null>();
const RECENT_LIMIT = 32;

/**
 * The library's value for HCL text, or null when the text does not parse. Never throws. The
 * same text is parsed again on every re-evaluation (a new instant, a filled-in variable), so
 * recent results are kept; callers never modify them.
 */
export function parseHcl(library: HclLibrary, text: string): Record<string, unknown> | null {
  if (recent.has(text)) return recent.get(text)!;
  let result: Record<string, unknown> | null = null;
  try {
    const [value] = library.parseToObject(text);
    result = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    result = null;
  }
  if (recent.size >= RECENT_LIMIT) recent.delete(recent.keys().next().value!);
  recent.set(text, result);
  return result;
}
