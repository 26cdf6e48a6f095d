/**
 * The reviewer's digest: one sentence per claim the configuration constrains or leaves open, and
 * one grade. Sentences follow from the witnesses found (what got in) and from the configuration's
 * conditions (what it names), never from guesses.
 */
import { namespaceOf } from '../claims/models';
import { valueText } from '../value-text';
import { AXES } from './axes';
import type { Constraints } from './constraints/types';
import type { Claims, ExposureGrade, Witness } from './types';

export function gradeOf(witnesses: Witness[]): ExposureGrade {
  const grades = new Set(witnesses.map((witness) => AXES[witness.axis]?.grade ?? 'narrow'));
  if (grades.has('open')) return 'open';
  if (grades.has('broad')) return 'broad';
  if (grades.has('narrow')) return 'narrow';
  return 'pinned';
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function summarise(base: Claims | null, witnesses: Witness[], constraints: Constraints, baseAdmitted: boolean): string[] {
  const lines: string[] = [];
  if (!base) return ['no token could be built for this configuration'];
  const has = (axis: string) => witnesses.some((witness) => witness.axis === axis);
  const example = (axis: string, claim: string) => text(witnesses.find((witness) => witness.axis === axis)?.claims[claim]);
  if (!baseAdmitted) lines.push('the intended token itself is refused; the lines below describe variations of it');
  if (typeof base.project_path === 'string') {
    const namespace = namespaceOf(base.project_path);
    const issuer = valueText(base.iss ?? '').replace(/^https?:\/\//, '');
    if (has('any-project')) lines.push(`project_path: any project on ${issuer} (e.g. ${example('any-project', 'project_path')})`);
    else if (has('sibling-group')) lines.push(`project_path: any project whose path starts with ${namespace}, including other groups such as ${example('sibling-group', 'project_path')}`);
    else if (has('subgroup') && has('other-project')) lines.push(`project_path: any project under ${namespace}/, at any depth`);
    else if (has('other-project')) lines.push(`project_path: any project directly in ${namespace}/`);
    else if (has('subgroup')) lines.push(`project_path: projects in subgroups of ${namespace}/ (e.g. ${example('subgroup', 'project_path')})`);
    else lines.push(`project_path: only ${base.project_path}`);
    if (has('recreated-project')) lines.push('project_id / namespace_id: not pinned, so a project re-created at the same path gets in');
    if (has('tag-as-branch') && has('other-branch')) lines.push('ref / ref_type: any branch or tag');
    else if (has('tag-as-branch')) lines.push(`ref_type: tags as well as branches (e.g. ${example('tag-as-branch', 'ref')})`);
    else if (has('other-branch')) lines.push(`ref: other ${text(base.ref_type)}es too (e.g. ${example('other-branch', 'ref')})`);
    else lines.push(`ref: only ${text(base.ref_type)} ${text(base.ref)}`);
    lines.push(has('unprotected-ref') || has('other-branch') && witnesses.some((w) => w.axis === 'other-branch' && w.claims.ref_protected === 'false') ? 'ref_protected: not required' : 'ref_protected: only protected refs');
    if (has('pull-request')) lines.push('pipeline_source: merge request pipelines get in too');
  } else if (typeof base.repository === 'string') {
    const owner = base.repository.split('/')[0];
    if (has('any-repository')) lines.push(`repository: any repository (e.g. ${example('any-repository', 'repository')})`);
    else if (has('sibling-owner')) lines.push(`repository: any repository whose owner starts with ${owner} (e.g. ${example('sibling-owner', 'repository')})`);
    else if (has('other-repository')) lines.push(`repository: any repository of ${owner}`);
    else lines.push(`repository: only ${base.repository}`);
    if (has('recreated-repository')) lines.push('repository_id: not pinned, so a repository re-created with the same name gets in');
    if (has('tag-as-branch') && has('other-branch')) lines.push('ref: any branch or tag');
    else if (has('tag-as-branch')) lines.push(`ref: tags as well as branches (e.g. ${example('tag-as-branch', 'ref')})`);
    else if (has('other-branch')) lines.push(`ref: other branches too (e.g. ${example('other-branch', 'ref')})`);
    else if (typeof base.ref === 'string') lines.push(`ref: only ${base.ref}`);
    if (has('pull-request')) lines.push('event_name: pull_request runs get in');
    if (has('pull-request-target')) lines.push('event_name: pull_request_target runs get in (they run with the base branch\'s ref)');
    if (has('other-environment')) lines.push(`environment: other environments too (e.g. ${example('other-environment', 'environment')})`);
  }
  if (has('self-hosted-runner')) lines.push('runner_environment: self-hosted runners too');
  if (has('other-issuer')) lines.push('iss: not restricted by the configuration; another instance whose keys are accepted gets in');
  const named = new Set<string>();
  for (const hint of constraints.hints) {
    if (named.has(hint.claim) || ['sub', 'project_path', 'repository', 'ref', 'ref_type', 'ref_protected'].includes(hint.claim)) continue;
    named.add(hint.claim);
    const values = hint.values.map((value) => JSON.stringify(value)).join(', ');
    const verb = hint.kind === 'present' ? 'must be present' : `${hint.negated ? 'must not match' : hint.kind === 'equals' ? 'one of' : `${hint.kind}`} ${values}`;
    lines.push(`${hint.claim}: ${verb} (${hint.where})`);
  }
  return lines;
}
