// The reach words every surface prints (summary, diff, scan, the app's badges) are the contract's.
// Source: docs/contracts/EXPOSURE.md, "Reach".
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reachLine } from './diff';
import { REACH_ORDER } from '../engine/exposure/reach';
import { REACH_WORDS } from '../engine/exposure/reach-words';
import { leadSentence } from '../engine/exposure/summary';

const contract = readFileSync(join(import.meta.dirname, '../../docs/contracts/EXPOSURE.md'), 'utf8').replace(/\s+/g, ' ');

describe('reach words', () => {
  it.each(REACH_ORDER.map((reach) => [reach]))('%s is described in the contract’s words', (reach) => {
    expect(contract).toContain(`\`${reach}\` (${REACH_WORDS[reach]}`);
  });

  it('the summary and the diff say the same words', () => {
    expect(leadSentence('organization', [], {})).toBe(`who can get in: ${REACH_WORDS.organization}; no other token found`);
    const report = { reach: { before: 'repository', after: 'anyone' } } as Parameters<typeof reachLine>[0];
    expect(reachLine(report)).toBe(`before: ${REACH_WORDS.repository} (repository); after: ${REACH_WORDS.anyone} (anyone)`);
  });
});
