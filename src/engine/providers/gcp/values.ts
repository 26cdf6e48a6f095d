/** CEL values as the trace shows them, and the CEL type names Google's messages use. */
import { isCelError, isCelList, isCelMap, isCelType, isCelUint, type CelResult } from '@bufbuild/cel';

export function celTypeName(value: unknown): string {
  if (isCelError(value)) return 'error';
  if (value === null) return 'null_type';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return 'double';
  if (typeof value === 'bigint') return 'int';
  if (isCelUint(value)) return 'uint';
  if (value instanceof Uint8Array) return 'bytes';
  if (isCelList(value)) return 'list';
  if (isCelMap(value)) return 'map';
  if (isCelType(value)) return 'type';
  return 'object';
}

/** JSON-friendly rendering: ints and uints as CEL literals (`3`, `3u`) because JSON has one number type. */
export function celToDisplay(value: unknown, depth = 0): unknown {
  if (depth > 20) return '…';
  if (isCelError(value)) return { error: value.message };
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : `${value}`;
  if (isCelUint(value)) return `${value.value}u`;
  if (value instanceof Uint8Array) return `b"${Array.from(value, (b) => b.toString(16).padStart(2, '0')).join('')}"`;
  if (isCelList(value) || Array.isArray(value)) return Array.from(value as Iterable<unknown>, (item) => celToDisplay(item, depth + 1));
  if (isCelMap(value) || value instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of value as Map<unknown, unknown>) out[String(isCelUint(key) ? key.value : key)] = celToDisplay(item, depth + 1);
    return out;
  }
  if (isCelType(value)) return `type(${value.name})`;
  return messageText(value);
}

/** Timestamps and durations are protobuf messages inside the CEL library. */
function messageText(value: unknown): string {
  const reflected = value as { desc?: { typeName?: string }; message?: { seconds?: bigint; nanos?: number } };
  const typeName = reflected.desc?.typeName;
  const seconds = Number(reflected.message?.seconds ?? 0);
  const nanos = reflected.message?.nanos ?? 0;
  if (typeName === 'google.protobuf.Timestamp') {
    const date = new Date(seconds * 1000 + Math.floor(nanos / 1e6));
    return Number.isNaN(date.getTime()) ? `timestamp(${seconds})` : `timestamp("${date.toISOString()}")`;
  }
  if (typeName === 'google.protobuf.Duration') return `duration("${seconds + nanos / 1e9}s")`;
  return typeName ?? String(value);
}

/** Short text of a value for reasons: strings quoted, lists and maps as JSON. */
export function celToText(value: CelResult | unknown): string {
  if (isCelError(value)) return `error (${errorText(value)})`;
  const shown = celToDisplay(value);
  if (typeof value === 'bigint' || isCelUint(value)) return String(shown);
  return JSON.stringify(shown) ?? String(shown);
}

/**
 * Error messages in cel-go's wording where they differ only in words (Google evaluates with
 * cel-go): a missing key or field is "no such key".
 */
export function errorText(error: { message: string }): string {
  const missing = /^field not found: (.*)$/.exec(error.message);
  if (missing) return `no such key: ${missing[1]}`;
  return error.message;
}

/**
 * JSON (claims) as CEL input: objects become maps whatever their prototype (the JSON reader makes
 * prototype-less objects, which the CEL library does not recognise), numbers stay doubles.
 */
export function jsonToCel(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(jsonToCel);
  if (typeof value === 'object' && value !== null && !(value instanceof Map)) {
    return new Map(Object.entries(value).map(([key, item]) => [key, jsonToCel(item)]));
  }
  return value;
}
