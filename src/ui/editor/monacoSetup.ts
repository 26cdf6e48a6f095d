/**
 * Monaco, bundled locally (monaco-editor 0.57 import paths). Imported only by the lazily loaded
 * editor chunk. `loader.config({ monaco })` must run before the first <Editor> mounts, or
 * @monaco-editor/react fetches Monaco from a CDN; the workers are created through
 * MonacoEnvironment.getWorker so they are same-origin files rather than blob: URLs (CSP
 * `worker-src 'self'`).
 */
import { loader } from '@monaco-editor/react';
import * as monaco from 'monaco-editor/editor';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import 'monaco-editor/features/register.all';
import JsonWorker from 'monaco-editor/languages/features/json/json.worker?worker';
import { jsonDefaults } from 'monaco-editor/languages/features/json/register';
import { PROVIDER_FACES as PROVIDERS } from '../../engine/providers/faces';
import { PROVIDER_IDS } from '../../engine/result';

self.MonacoEnvironment = {
  getWorker: (_workerId: string, label: string) => (label === 'json' ? new JsonWorker() : new EditorWorker()),
};

export function policyModelPath(provider: string): string {
  return `inmemory://policy/${provider}.json`;
}

jsonDefaults.setDiagnosticsOptions({
  // Must be explicit: setting options without it turns validation off.
  validate: true,
  // Never fetch `$schema` URLs named in the document.
  enableSchemaRequest: false,
  allowComments: false,
  trailingCommas: 'error',
  schemas: PROVIDER_IDS.flatMap((id) => {
    const schema = PROVIDERS[id]?.schema;
    return schema ? [{ uri: `inmemory://schemas/${id}.json`, fileMatch: [policyModelPath(id)], schema }] : [];
  }),
});

loader.config({ monaco });

export { monaco };
