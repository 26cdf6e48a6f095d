/**
 * cel-spec "simple" conformance (google/cel-spec tests/simple/testdata, via @bufbuild/cel-spec
 * 0.6.1) against the GCP environment: standard CEL + strings ext + extract() + RE2 matches().
 * The known failures are the library's own documented gaps (bufbuild/cel-es
 * packages/cel/src/conformance.test.ts); the set must not change silently in either direction.
 */
import { describe, expect, it } from 'vitest';
import { runConformance, SKIPPED_SUITES } from '../../../../test/support/gcp-conformance';

const KNOWN_FAILURES: Record<string, string> = {
  'fields/quoted_map_fields/field_access_slash': 'backtick-quoted field names (cel-spec 0.25) are not parsed by @bufbuild/cel 0.6.1',
  'fields/quoted_map_fields/field_access_dash': 'backtick-quoted field names are not parsed by @bufbuild/cel 0.6.1',
  'fields/quoted_map_fields/field_access_dot': 'backtick-quoted field names are not parsed by @bufbuild/cel 0.6.1',
  'fields/quoted_map_fields/has_field_slash': 'backtick-quoted field names in has() are not parsed by @bufbuild/cel 0.6.1',
  'fields/quoted_map_fields/has_field_dash': 'backtick-quoted field names in has() are not parsed by @bufbuild/cel 0.6.1',
  'fields/quoted_map_fields/has_field_dot': 'backtick-quoted field names in has() are not parsed by @bufbuild/cel 0.6.1',
  'fields/qualified_identifier_resolution/map_value_repeat_key_heterogeneous':
    'a map literal with keys 0 and 0u should be a duplicate-key error; the library keeps the first',
};

describe('cel-spec simple conformance with the GCP environment', () => {
  const results = runConformance();

  it('fails exactly the known failures', () => {
    const failures = results.filter((r) => r.outcome === 'fail');
    const unexpected = failures.filter((f) => !(f.path in KNOWN_FAILURES)).map((f) => `${f.path}: ${f.detail}`);
    const fixed = Object.keys(KNOWN_FAILURES).filter((path) => !failures.some((f) => f.path === path));
    expect(unexpected, 'new failures').toEqual([]);
    expect(fixed, 'known failures that now pass (remove them from the list)').toEqual([]);
  });

  it('runs the core and string-extension suites', () => {
    const suites = new Set(results.map((r) => r.path.split('/')[0]));
    for (const suite of ['basic', 'comparisons', 'conversions', 'fields', 'lists', 'logic', 'macros', 'parse', 'string', 'string_ext', 'timestamps']) {
      expect(suites.has(suite), suite).toBe(true);
    }
    for (const skipped of Object.keys(SKIPPED_SUITES)) expect(suites.has(skipped)).toBe(false);
    expect(results.filter((r) => r.outcome === 'pass').length).toBeGreaterThan(1300);
  });
});
