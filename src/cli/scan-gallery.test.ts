// The gallery (src/engine/examples.ts) scanned as one account: its AWS trust policies as a
// get-account-authorization-details export, the other providers' configurations as files of one
// folder. Each is listed with the reach its own exposure analysis gives.
import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../engine/examples';
import { analyseExposure } from '../engine/exposure/index';
import { reachOf } from '../engine/scan/index';
import { runCli } from '../../test/support/memory-io';

const AT = '2026-05-28T20:26:50Z';
const AT_SECONDS = Date.parse(AT) / 1000;

// Options (OpenBao's flavour) are not part of an export; an Azure list is scanned credential by credential.
const scanned = EXAMPLES.filter((example) => !example.options);

function galleryFiles(): Record<string, string> {
  const roles = scanned
    .filter((example) => example.provider === 'aws')
    .map((example, index) => ({
      Path: '/',
      RoleName: example.id,
      RoleId: `AROAGALLERY${String(index).padStart(9, '0')}`,
      Arn: `arn:aws:iam::111122223333:role/${example.id}`,
      CreateDate: '2026-01-01T00:00:00+00:00',
      AssumeRolePolicyDocument: encodeURIComponent(JSON.stringify(JSON.parse(example.policy))),
    }));
  const files: Record<string, string> = { 'gallery/account.json': JSON.stringify({ UserDetailList: [], GroupDetailList: [], RoleDetailList: roles, Policies: [] }, null, 2) };
  for (const example of scanned.filter((e) => e.provider !== 'aws')) files[`gallery/${example.provider}/${example.id}.json`] = example.policy;
  return files;
}

describe('a scan of the gallery', () => {
  it('lists every configuration with the reach its exposure gives', async () => {
    const run = await runCli(['scan', 'gallery', '--at', AT, '--format', 'json'], galleryFiles());
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { errors: unknown[]; configurations: Array<{ name: string; source: { file: string }; reach: string }> };
    expect(report.errors).toEqual([]);
    for (const example of scanned) {
      const expected = reachOf(analyseExposure({ policyText: example.policy, provider: example.provider, at: AT_SECONDS }));
      const listed = report.configurations.filter((c) => (example.provider === 'aws' ? c.source.file === 'account.json' && c.name === example.id : c.source.file === `${example.provider}/${example.id}.json`));
      expect(listed.length, example.id).toBeGreaterThan(0);
      // A list of credentials reaches as far as its widest credential.
      const widest = ['anyone', 'organization', 'repository', 'protected', 'none'].find((reach) => listed.some((c) => c.reach === reach));
      expect(widest, example.id).toBe(expected);
    }
  });
});
