/** The gallery: every provider's examples, in display order. */
import type { Example } from './example';
import { examples as aws } from './providers/aws/examples';
import { examples as azure } from './providers/azure/examples';
import { examples as gcp } from './providers/gcp/examples';
import { examples as vault } from './providers/vault/examples';

export type { Example } from './example';

export const EXAMPLES: readonly Example[] = [...aws, ...vault, ...gcp, ...azure];

/** What `npm start` opens with: GitLab claims and the GitLab docs' AWS trust policy. */
export const DEFAULT_EXAMPLE_ID = 'gitlab-aws-branch';

export function exampleById(id: string): Example | undefined {
  return EXAMPLES.find((example) => example.id === id);
}
