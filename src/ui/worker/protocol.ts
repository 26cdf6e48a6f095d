/** Messages between the page and the evaluation worker. */
import type { EvaluationInput } from '../../engine/evaluate-with';
import type { EvaluationResult, ProviderId } from '../../engine/result';

export type WorkerRequest =
  /** Evaluate; the answer carries the same id. */
  | { kind: 'evaluate'; id: number; input: EvaluationInput }
  /** Start downloading a provider's code before the first evaluation needs it. */
  | { kind: 'preload'; provider: ProviderId }
  /** Start downloading HashiCorp's HCL library: the configuration reads as Terraform. */
  | { kind: 'preload-hcl' };

export type WorkerResponse =
  /** The provider's code is loaded and evaluation begins: the deadline counts from here, not from a download. */
  | { kind: 'started'; id: number }
  | { kind: 'result'; id: number; result: EvaluationResult }
  /** HashiCorp's HCL library has loaded: a verdict read without it (`details.iac.unchecked`) can be checked now. */
  | { kind: 'reader-ready' };
