import type { Decision, ProviderId } from './result';

/**
 * A named scenario for the gallery and for docs deep links (`#example=<id>`). Ids are stable:
 * documentation pages link to them. Every example is also a test (its expected decision and
 * message are asserted), so links never rot.
 */
export interface Example {
  /** Stable kebab-case id, e.g. `gitlab-aws-branch`. Never rename one that has shipped. */
  id: string;
  provider: ProviderId;
  title: string;
  /** One line, e.g. "GitLab tag pipeline blocked by a branch-only role". */
  story: string;
  ci: 'gitlab' | 'github' | 'other';
  /** The configuration text exactly as a user would paste it. */
  policy: string;
  claims: Record<string, unknown>;
  /** Evaluation instant, Unix seconds (examples are pinned in time so they never expire). */
  at: number;
  options?: Record<string, string>;
  expect: { decision: Decision; message?: string };
  /** Doc URL or upstream file the scenario comes from. */
  source: string;
}
