/**
 * Runs cel-spec "simple" conformance tests (as shipped by @bufbuild/cel-spec) against the GCP CEL
 * environment, so that adding Google's functions and the RE2 engine keeps the library's
 * conformance. Test-only module: it imports the conformance data.
 */
import { celList, celUint, isCelError, isCelList, isCelMap, isCelType, isCelUint, parse, plan } from '@bufbuild/cel';
import type { Value } from '@bufbuild/cel-spec/cel/expr/value_pb.js';
import { getTestRegistry } from '@bufbuild/cel-spec/testdata/registry.js';
import { getConformanceSuite, type IncrementalTest, type IncrementalTestSuite } from '@bufbuild/cel-spec/testdata/tests.js';
import { gcpCelEnv } from '../../src/engine/providers/gcp/cel-env';

/** Suites outside the CEL Google documents for attribute mappings and conditions (core + strings ext). */
export const SKIPPED_SUITES: Record<string, string> = {
  bindings_ext: 'cel.bind() extension, not in the WIF environment',
  block_ext: 'cel.block() extension, not in the WIF environment',
  encoders_ext: 'base64 extension, not in the WIF environment',
  math_ext: 'math extension, not in the WIF environment',
  optionals: 'optional types extension, not in the WIF environment',
  macros2: 'two-variable comprehension extension, not in the WIF environment',
  proto2: 'protobuf messages: WIF inputs are JSON',
  proto2_ext: 'protobuf extensions: WIF inputs are JSON',
  proto3: 'protobuf messages: WIF inputs are JSON',
  enums: 'protobuf enums: WIF inputs are JSON',
  wrappers: 'protobuf wrapper types: WIF inputs are JSON',
  dynamic: 'protobuf Struct/Any conversions: WIF inputs are JSON',
  type_deductions: 'type-checker only tests',
  unknowns: 'partial evaluation, not used',
};

export type Outcome = 'pass' | 'fail' | 'skip';

export interface ConformanceResult {
  path: string;
  outcome: Outcome;
  detail?: string;
}

function containsObject(value: Value | undefined): boolean {
  if (!value) return false;
  const kind = value.kind;
  switch (kind.case) {
    case 'objectValue':
    case 'typeValue':
      return true;
    case 'listValue':
      return kind.value.values.some(containsObject);
    case 'mapValue':
      return kind.value.entries.some((e) => containsObject(e.key) || containsObject(e.value));
    default:
      return false;
  }
}

function toInput(value: Value): unknown {
  const kind = value.kind;
  switch (kind.case) {
    case 'nullValue':
      return null;
    case 'boolValue':
    case 'doubleValue':
    case 'stringValue':
    case 'int64Value':
    case 'bytesValue':
      return kind.value;
    case 'uint64Value':
      return celUint(kind.value);
    case 'enumValue':
      return BigInt(kind.value.value);
    case 'listValue':
      return celList(kind.value.values.map(toInput) as never);
    case 'mapValue':
      return new Map(kind.value.entries.map((e) => [toInput(e.key!), toInput(e.value!)]));
    default:
      throw new Error(`unsupported binding ${kind.case}`);
  }
}

/** A canonical string for comparing values: maps order-free, NaN equal to NaN. */
function canonical(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return `bool:${value}`;
  if (typeof value === 'bigint') return `int:${value}`;
  if (typeof value === 'number') return Number.isNaN(value) ? 'double:NaN' : `double:${Object.is(value, -0) ? '0' : value}`;
  if (typeof value === 'string') return `string:${JSON.stringify(value)}`;
  if (value instanceof Uint8Array) return `bytes:${Array.from(value).join(',')}`;
  if (isCelUint(value)) return `uint:${value.value}`;
  if (isCelList(value)) return `list:[${Array.from(value, canonical).join(',')}]`;
  if (isCelMap(value)) return `map:{${Array.from(value, ([k, v]) => `${canonical(k)}=>${canonical(v)}`).sort().join(',')}}`;
  if (isCelType(value)) return `type:${value.name}`;
  return `object:${String(value)}`;
}

function canonicalExpected(value: Value): string {
  const kind = value.kind;
  switch (kind.case) {
    case 'nullValue':
      return 'null';
    case 'boolValue':
      return `bool:${kind.value}`;
    case 'int64Value':
      return `int:${kind.value}`;
    case 'uint64Value':
      return `uint:${kind.value}`;
    case 'doubleValue':
      return Number.isNaN(kind.value) ? 'double:NaN' : `double:${Object.is(kind.value, -0) ? '0' : kind.value}`;
    case 'stringValue':
      return `string:${JSON.stringify(kind.value)}`;
    case 'bytesValue':
      return `bytes:${Array.from(kind.value).join(',')}`;
    case 'enumValue':
      return `int:${kind.value.value}`;
    case 'listValue':
      return `list:[${kind.value.values.map(canonicalExpected).join(',')}]`;
    case 'mapValue':
      return `map:{${kind.value.entries.map((e) => `${canonicalExpected(e.key!)}=>${canonicalExpected(e.value!)}`).sort().join(',')}}`;
    case 'typeValue':
      return `type:${kind.value}`;
    default:
      return `object:${kind.case}`;
  }
}

const registry = getTestRegistry();

export function runTest(test: IncrementalTest, path: string): ConformanceResult {
  const original = test.original;
  const matcher = original.resultMatcher;
  if (original.checkOnly) return { path, outcome: 'skip', detail: 'check only' };
  if (original.disableMacros) return { path, outcome: 'skip', detail: 'macros cannot be disabled (Google expands them too)' };
  if (matcher.case === 'typedResult' || matcher.case === 'unknown' || matcher.case === 'anyUnknowns') return { path, outcome: 'skip', detail: matcher.case };
  const bindings: Record<string, unknown> = {};
  for (const [name, exprValue] of Object.entries(original.bindings)) {
    if (exprValue.kind.case !== 'value' || containsObject(exprValue.kind.value)) return { path, outcome: 'skip', detail: 'protobuf binding' };
    bindings[name] = toInput(exprValue.kind.value);
  }
  if (matcher.case === 'value' && containsObject(matcher.value)) return { path, outcome: 'skip', detail: 'protobuf result' };
  let result: unknown;
  try {
    const env = gcpCelEnv({ registry, namespace: original.container || undefined });
    result = plan(env, parse(original.expr))(bindings as never);
  } catch (error) {
    result = error;
  }
  const failed = isCelError(result) || result instanceof Error;
  if (matcher.case === 'evalError' || matcher.case === 'anyEvalErrors') {
    return failed ? { path, outcome: 'pass' } : { path, outcome: 'fail', detail: `expected an error, got ${canonical(result)}` };
  }
  if (failed) return { path, outcome: 'fail', detail: `error: ${(result as Error).message}` };
  const expected = matcher.case === 'value' ? canonicalExpected(matcher.value) : 'bool:true';
  const actual = canonical(result);
  return actual === expected ? { path, outcome: 'pass' } : { path, outcome: 'fail', detail: `expected ${expected}, got ${actual}` };
}

export function runConformance(): ConformanceResult[] {
  const results: ConformanceResult[] = [];
  const walk = (suite: IncrementalTestSuite, prefix: string[]) => {
    for (const test of suite.tests) results.push(runTest(test, [...prefix, test.name].join('/')));
    for (const child of suite.suites) {
      if (prefix.length === 0 && child.name in SKIPPED_SUITES) continue;
      walk(child, [...prefix, child.name]);
    }
  };
  walk(getConformanceSuite(), []);
  return results;
}
