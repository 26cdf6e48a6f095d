/**
 * The evaluation worker's engine: the front door and the Terraform / CloudFormation readers. Its
 * own chunk, which the worker fetches as it starts, alongside the provider's code the page asks
 * for, rather than before it.
 */
import { evaluateWith, type ProviderRegistry } from '../../engine/evaluate-with';
import { loadHclLibrary } from '../../engine/inputs/hcl-library';
import { iacReadersReady, loadIacReaders, readTerraformBeforeItsParser } from '../../engine/inputs/index';
import { loadProvider } from '../../engine/providers/load';
import { PROVIDER_IDS, type EvaluationResult } from '../../engine/result';
import type { EvaluationCall } from './protocol';

// Terraform is read by trustlens's own reader while HashiCorp's parser downloads (a verdict says
// `unchecked`); the page asks again once the parser is here.
readTerraformBeforeItsParser();

let readerAnnounced = false;
let announce: () => void = () => undefined;

/** Told once, when HashiCorp's HCL library has loaded. */
export function onReaderReady(listener: () => void): void {
  announce = listener;
}

function announceWhenLoaded(loading: Promise<unknown>): void {
  loading.then(
    () => {
      if (readerAnnounced) return;
      readerAnnounced = true;
      announce();
    },
    () => undefined,
  );
}

export function preloadHcl(): void {
  announceWhenLoaded(loadHclLibrary());
}

/** The verdict; `started` is called once the provider's code is loaded and evaluation begins. */
export async function answer(call: EvaluationCall, started: () => void): Promise<EvaluationResult> {
  const { input } = call;
  const providers: ProviderRegistry = {};
  // The page always names the provider; detecting one needs them all.
  const wanted = input.provider ? [input.provider] : PROVIDER_IDS;
  // Terraform needs HashiCorp's HCL reader, its own chunk, loaded only when such text arrives;
  // the verdict does not wait for it.
  if (!iacReadersReady(input.policyText)) announceWhenLoaded(loadIacReaders(input.policyText));
  for (const id of wanted) providers[id] = await loadProvider(id);
  started();
  return evaluateWith(providers, input);
}
