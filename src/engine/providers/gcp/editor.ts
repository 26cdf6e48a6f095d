/**
 * Editor support for the CEL inside the provider's JSON: where each CEL string is, its tokens
 * (for highlighting) and its syntax error, all as ranges of the JSON text.
 */
import { nodeAt, parseJsonDocument, type JsonDocument, type JSONPath } from '../../json';
import type { SourceRange } from '../../result';
import { parseCel, tokenizeCel, type CelTokenKind } from './cel-source';
import { celPositionText, celRange, isObject, stringOffsets } from './parse';

export interface CelRegion {
  path: JSONPath;
  range: SourceRange;
  tokens: Array<{ kind: CelTokenKind; range: SourceRange }>;
  error?: { message: string; range: SourceRange };
}

function celPaths(value: unknown): JSONPath[] {
  if (!isObject(value)) return [];
  const base: JSONPath = isObject(value.provider) ? ['provider'] : [];
  const provider = (isObject(value.provider) ? value.provider : value) as Record<string, unknown>;
  const paths: JSONPath[] = [];
  if (isObject(provider.attributeMapping)) for (const key of Object.keys(provider.attributeMapping)) paths.push([...base, 'attributeMapping', key]);
  if (typeof provider.attributeCondition === 'string') paths.push([...base, 'attributeCondition']);
  return paths;
}

function regionAt(doc: JsonDocument, path: JSONPath): CelRegion | undefined {
  const node = nodeAt(doc, path);
  if (!node || node.type !== 'string') return undefined;
  const text = node.value as string;
  const field = { offsets: stringOffsets(doc.text, node) };
  const tokens = tokenizeCel(text).map((token) => ({ kind: token.kind, range: celRange(doc, field, token.start, token.end) }));
  const parsed = parseCel(text, celPositionText(doc, field));
  const region: CelRegion = { path, range: doc.lines.range(node.offset, node.offset + node.length), tokens };
  if (!parsed.ok && text.trim() !== '') region.error = { message: parsed.message, range: celRange(doc, field, parsed.offset, parsed.end) };
  return region;
}

export function celEditorRegions(text: string): CelRegion[] {
  const parsed = parseJsonDocument(text);
  if (!parsed.ok) return [];
  return celPaths(parsed.doc.value)
    .map((path) => regionAt(parsed.doc, path))
    .filter((region): region is CelRegion => region !== undefined);
}
