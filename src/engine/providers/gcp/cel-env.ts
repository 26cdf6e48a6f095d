/**
 * The CEL environment Google evaluates attribute mappings and conditions in: standard CEL, the
 * cel-go `ext` strings library (Google links `split`/`join` to it), Google's `extract()`, and RE2
 * semantics for `matches()` (cel-go compiles patterns with RE2, so look-arounds are errors).
 * Sources: https://docs.cloud.google.com/iam/docs/workload-identity-federation (attribute mapping
 * examples); gcp.md §1.3 and §2.3.
 */
import { celEnv, celError, celMethod, CelScalar, type CelEnv } from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';
import type { Registry } from '@bufbuild/protobuf';
import { RE2JS } from 're2js';
import { applyExtract, parseExtractTemplate } from './extract';

const extract = celMethod('extract', CelScalar.STRING, [CelScalar.STRING], CelScalar.STRING, function (template) {
  const parsed = parseExtractTemplate(template);
  if (!parsed.ok) return celError(parsed.message) as never;
  return applyExtract(this, parsed.template);
});

/** `matches()` is a partial match (RE2 `find`), as in cel-go. Compiled patterns are reused. */
const compiled = new Map<string, RE2JS>();
const re2 = {
  compile(pattern: string) {
    let regex = compiled.get(pattern);
    if (!regex) {
      regex = RE2JS.compile(pattern);
      if (compiled.size > 256) compiled.clear();
      compiled.set(pattern, regex);
    }
    const ready = regex;
    return { test: (text: string) => ready.matcher(text).find() };
  },
};

export interface CelEnvironmentOptions {
  /** Only the conformance runner passes these (protobuf test messages, container names). */
  registry?: Registry;
  namespace?: string;
}

let shared: CelEnv | undefined;

export function gcpCelEnv(options: CelEnvironmentOptions = {}): CelEnv {
  if (!options.registry && !options.namespace) {
    shared ??= celEnv({ funcs: [...strings, extract], re2 });
    return shared;
  }
  return celEnv({ funcs: [...strings, extract], re2, registry: options.registry, namespace: options.namespace });
}
