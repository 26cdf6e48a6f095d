import type { Finding } from '../../result';
import type { AwsPolicy } from './parse';

export function lintPolicy(_policy: AwsPolicy): Finding[] {
  return [];
}
