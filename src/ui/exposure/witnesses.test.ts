import { describe, expect, it } from 'vitest';
import type { ExposureReport, Witness } from '../../engine/exposure/types';
import { opaqueAnnotations } from '../state/useExposure';
import { groupByAxis } from './ExposurePanel';
import { loadedToken } from './load';
import { changedClaims, rankChanges } from './WitnessCard';

const witness = (axis: string, label: string): Witness => ({ axis, label, claims: {}, at: '2023-11-14T22:13:20Z', decision: 'allow', message: 'ok', reach: 'repository', via: { label: 'the role' } });

describe('witness cards', () => {
  it('compare a witness with the token in the pane, not with the token the analysis varied', () => {
    const pane = { sub: 'project_path:othergroup/p:ref_type:branch:ref:main', project_path: 'othergroup/p', ref: 'main', aud: 'x' };
    const found = { sub: 'project_path:mygroup/p:ref_type:branch:ref:main', project_path: 'mygroup/p', ref: 'main', ref_protected: 'false' };
    expect(changedClaims(found, pane, ['ref_protected'])).toEqual(['aud', 'project_path', 'ref_protected', 'sub']);
    // No token in the pane: the analysis's own list is all there is.
    expect(changedClaims(found, null, ['ref_protected'])).toEqual(['ref_protected']);
    expect(changedClaims(found, null)).toEqual([]);
  });

  it('lead with the claims the configuration names, then the shortest values', () => {
    const claims = { ci_config_ref_uri: 'gitlab.com/mygroup/p//.gitlab-ci.yml@refs/heads/main', project_id: '99', sub: 'project_path:mygroup/p:ref_type:branch:ref:main', ref: 'main' };
    const policy = '{"Condition": {"StringLike": {"gitlab.com:sub": "project_path:mygroup/*"}}}';
    expect(rankChanges(Object.keys(claims), claims, policy)).toEqual(['sub', 'project_id', 'ref', 'ci_config_ref_uri']);
    // `ref` inside `ref_type` is not a mention of the claim ref.
    expect(rankChanges(['ref', 'project_id'], claims, '"ref_type:branch"')).toEqual(['project_id', 'ref']);
  });

  it('group witnesses by axis in the order the analysis found them', () => {
    const groups = groupByAxis([witness('other-project', 'a'), witness('tag-as-branch', 'b'), witness('other-project', 'c')]);
    expect(groups.map((group) => [group.axis, group.witnesses.map((w) => w.label)])).toEqual([
      ['other-project', ['a', 'c']],
      ['tag-as-branch', ['b']],
    ]);
  });

  it('load a witness as crafted claims at the instant it was checked', () => {
    expect(loadedToken({ claims: { sub: 'x' }, at: '2023-11-14T22:13:20Z' })).toEqual({ tokenText: '{\n  "sub": "x"\n}', at: 1_700_000_000 });
    expect(loadedToken({ claims: { sub: 'x' }, at: 'not a time' })).toEqual({ tokenText: '{\n  "sub": "x"\n}' });
  });

  it('mark located opaque conditions in the editor, and only those', () => {
    const report: ExposureReport = {
      provider: 'gcp',
      grade: 'broad',
      reach: 'organization',
      summary: [],
      opaque: ['a', 'b'],
      opaqueConditions: [{ description: 'size() is not read', source: { line: 12, column: 82, endLine: 12, endColumn: 122 } }, { description: 'unlocated' }],
      witnesses: [],
    };
    expect(opaqueAnnotations(report)).toEqual([
      { range: { line: 12, column: 82, endLine: 12, endColumn: 122 }, severity: 'info', message: 'Who else gets in: not analysed — size() is not read', mark: 'mark-opaque' },
    ]);
    expect(opaqueAnnotations(null)).toEqual([]);
  });
});
