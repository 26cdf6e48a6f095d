/** Messages between the page and the evaluation worker, in the workers' one envelope (`envelope.ts`). */
import type { EvaluationInput } from '../../engine/evaluate-with';
import { PROVIDER_IDS, type EvaluationResult, type ProviderId } from '../../engine/result';
import type { Call, Notice, Reply } from './envelope';

/** Evaluate; the worker answers `started` once the provider's code is loaded, then the verdict. */
export type EvaluationCall = { kind: 'evaluate'; input: EvaluationInput };
/**
 * Start downloading a provider's code before the first evaluation needs it, or HashiCorp's HCL
 * library as soon as the configuration reads as Terraform.
 */
export type EvaluationHint = { kind: 'preload'; provider: ProviderId } | { kind: 'preload-hcl' };

const NAME = 'trustlens evaluation';

/**
 * The worker's name also says which providers' code to fetch at once: a message posted while the
 * page's thread is busy (the first render) reaches a starting worker only once that thread is
 * free again, the name right away.
 */
export function evaluationWorkerName(preload: readonly ProviderId[]): string {
  return preload.length > 0 ? `${NAME} (${preload.join(', ')})` : NAME;
}

export function providersInWorkerName(name: string): ProviderId[] {
  const listed = /\(([^)]*)\)$/.exec(name)?.[1] ?? '';
  return PROVIDER_IDS.filter((id) => listed.split(', ').includes(id));
}

/** HashiCorp's HCL library has loaded: a verdict read without it (`details.iac.unchecked`) can be checked now. */
export const READER_READY = 'reader-ready';

export type WorkerRequest = Call<EvaluationCall> | EvaluationHint;
export type WorkerResponse = Reply<EvaluationResult> | Notice;
