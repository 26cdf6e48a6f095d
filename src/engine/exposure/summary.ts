/**
 * The reviewer's digest: one sentence per claim the configuration constrains or leaves open, and
 * one grade. Sentences follow from the witnesses found (what got in) and from the configuration's
 * conditions (what it names), never from guesses.
 */
import { namespaceOf } from '../claims/models';
import { valueText } from '../value-text';
import type { Constraints } from '../constraints';
import { REACH_WORDS } from './reach-words';
import type { Claims, Reach, Witness } from './types';

function ownerOf(claims: Claims): string | undefined {
  if (typeof claims.repository === 'string') return claims.repository;
  if (typeof claims.project_path === 'string') return claims.project_path;
  return undefined;
}

/** The summary's first line: the widest reach, in one sentence, with an example. */
export function leadSentence(reach: Reach | 'none', witnesses: Witness[], intended: Claims): string {
  if (reach === 'none') return 'nothing gets in: no token the configuration admits could be built';
  // An attacker's move reads better than a lifecycle one (re-created, self-hosted) as the example.
  const lifecycle = new Set(['recreated-project', 'recreated-repository', 'self-hosted-runner']);
  const example = witnesses.find((witness) => witness.reach === reach && !lifecycle.has(witness.axis)) ?? witnesses.find((witness) => witness.reach === reach);
  const where = ownerOf(intended);
  if (!example) return `who can get in: ${REACH_WORDS[reach]}${where ? ` (${where})` : ''}; no other token found`;
  return `who can get in: ${REACH_WORDS[reach]}, e.g. ${example.label}`;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function summarise(base: Claims | null, witnesses: Witness[], constraints: Constraints): string[] {
  const lines: string[] = [];
  if (!base) return ['no token could be built for this configuration'];
  const has = (axis: string) => witnesses.some((witness) => witness.axis === axis);
  const example = (axis: string, claim: string) => text(witnesses.find((witness) => witness.axis === axis)?.claims[claim]);
  const hinted = new Set(constraints.hints.map((hint) => hint.claim));
  const bySubject = hinted.has('sub');
  if (typeof base.project_path === 'string') {
    const namespace = namespaceOf(base.project_path);
    const issuer = valueText(base.iss ?? '').replace(/^https?:\/\//, '');
    if (has('any-project')) lines.push(`project_path: any project on ${issuer} (e.g. ${example('any-project', 'project_path')})`);
    else if (has('sibling-group')) lines.push(`project_path: any project whose path starts with ${namespace}, including other groups such as ${example('sibling-group', 'project_path')}`);
    else if (has('subgroup') && has('other-project')) lines.push(`project_path: any project under ${namespace}/, at any depth`);
    else if (has('other-project')) lines.push(`project_path: any project directly in ${namespace}/`);
    else if (has('subgroup')) lines.push(`project_path: projects in subgroups of ${namespace}/ (e.g. ${example('subgroup', 'project_path')})`);
    else if (hinted.has('project_path') || bySubject) lines.push(`project_path: only ${base.project_path}`);
    else if (hinted.has('project_id')) lines.push(`project_id: only ${text(base.project_id)}`);
    if (has('recreated-project')) lines.push('project_id / namespace_id: not pinned, so a project re-created at the same path gets in');
    if (has('tag-as-branch') && has('other-branch')) lines.push('ref / ref_type: any branch or tag');
    else if (has('tag-as-branch')) lines.push(`ref_type: tags as well as branches (e.g. ${example('tag-as-branch', 'ref')})`);
    else if (has('other-branch')) lines.push(`ref: other ${text(base.ref_type)}es too (e.g. ${example('other-branch', 'ref')})`);
    else if (typeof base.ref === 'string' && (hinted.has('ref') || hinted.has('ref_type') || bySubject)) lines.push(`ref: only ${text(base.ref_type)} ${text(base.ref)}`);
    if (hinted.has('ref_protected') || has('unprotected-ref') || has('other-branch')) lines.push(has('unprotected-ref') || has('other-branch') && witnesses.some((w) => w.axis === 'other-branch' && w.claims.ref_protected === 'false') ? 'ref_protected: not required' : 'ref_protected: only protected refs');
    if (has('pull-request')) lines.push('pipeline_source: merge request pipelines get in too');
  } else if (typeof base.repository === 'string') {
    const owner = base.repository.split('/')[0];
    if (has('any-repository')) lines.push(`repository: any repository (e.g. ${example('any-repository', 'repository')})`);
    else if (has('sibling-owner')) lines.push(`repository: any repository whose owner starts with ${owner} (e.g. ${example('sibling-owner', 'repository')})`);
    else if (has('other-repository')) {
      const owners = [...new Set([owner, ...witnesses.filter((w) => w.axis === 'other-repository').map((w) => text(w.claims.repository).split('/')[0])])];
      lines.push(`repository: any repository of ${owners.join(' or ')}`);
    }
    else if (hinted.has('repository') || hinted.has('repository_owner') || bySubject) lines.push(`repository: only ${base.repository}`);
    else if (hinted.has('repository_id')) lines.push(`repository_id: only ${text(base.repository_id)}`);
    if (has('recreated-repository')) lines.push('repository_id: not pinned, so a repository re-created with the same name gets in');
    if (has('tag-as-branch') && has('other-branch')) lines.push('ref: any branch or tag');
    else if (has('tag-as-branch')) lines.push(`ref: tags as well as branches (e.g. ${example('tag-as-branch', 'ref')})`);
    else if (has('other-branch')) lines.push(`ref: other branches too (e.g. ${example('other-branch', 'ref')})`);
    else if (typeof base.ref === 'string' && (hinted.has('ref') || bySubject)) lines.push(`ref: only ${base.ref}`);
    if (has('pull-request')) lines.push('event_name: pull_request runs get in');
    if (has('pull-request-target')) lines.push('event_name: pull_request_target runs get in (they run with the base branch\'s ref)');
    if (has('other-environment')) lines.push(`environment: other environments too (e.g. ${example('other-environment', 'environment')})`);
  }
  if (has('self-hosted-runner')) lines.push('runner_environment: self-hosted runners too');
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
