import { useId } from 'react';
import type { GitHubClaimsInput, GitLabClaimsInput } from '../../engine/claims/index';
import { useEngine, type Engine } from '../state/useEngine';
import { InlineText } from './InlineText';

export type TokenMode = 'paste' | 'gitlab' | 'github' | 'template';

export interface BuilderState {
  mode: TokenMode;
  /** Null until first used: the defaults live in the engine chunk. */
  gitlab: GitLabClaimsInput | null;
  github: GitHubClaimsInput | null;
  /** Id of the issuer template last loaded (engine CLAIM_TEMPLATES). */
  template?: string;
}

export const INITIAL_BUILDERS: BuilderState = { mode: 'paste', gitlab: null, github: null };

const FIRST_TEMPLATE = 'eks-irsa';

interface Props {
  state: BuilderState;
  at: number;
  onState: (state: BuilderState) => void;
  /** The builder writes its claim set into the token input. */
  onClaims: (claims: Record<string, unknown>) => void;
}

type FieldSpec<T> =
  | { key: keyof T & string; label: string; kind: 'text'; placeholder?: string }
  | { key: keyof T & string; label: string; kind: 'number' }
  | { key: keyof T & string; label: string; kind: 'check' }
  | { key: keyof T & string; label: string; kind: 'select'; choices: Array<[string, string]> };

const GITLAB_FIELDS: Array<FieldSpec<GitLabClaimsInput>> = [
  { key: 'instanceUrl', label: 'Instance URL (iss)', kind: 'text' },
  { key: 'aud', label: 'Audience (aud)', kind: 'text', placeholder: 'instance URL' },
  { key: 'namespacePath', label: 'Namespace path', kind: 'text' },
  { key: 'namespaceId', label: 'Namespace id', kind: 'text' },
  { key: 'projectPath', label: 'Project path', kind: 'text' },
  { key: 'projectId', label: 'Project id', kind: 'text' },
  { key: 'ref', label: 'Ref', kind: 'text' },
  { key: 'refType', label: 'Ref type', kind: 'select', choices: [['branch', 'branch'], ['tag', 'tag']] },
  { key: 'refProtected', label: 'Protected ref', kind: 'check' },
  { key: 'subFormat', label: 'sub format', kind: 'select', choices: [['default', 'project_path:…'], ['project-id', 'project_id:…']] },
  { key: 'environment', label: 'Environment', kind: 'text', placeholder: 'none' },
  { key: 'environmentProtected', label: 'Protected environment', kind: 'check' },
  { key: 'deploymentTier', label: 'Deployment tier', kind: 'select', choices: ['production', 'staging', 'testing', 'development', 'other'].map((t) => [t, t]) },
  {
    key: 'pipelineSource',
    label: 'Pipeline source',
    kind: 'select',
    choices: ['push', 'web', 'schedule', 'api', 'trigger', 'pipeline', 'parent_pipeline', 'merge_request_event', 'chat', 'external', 'webide'].map((t) => [t, t]),
  },
  { key: 'userLogin', label: 'User login', kind: 'text' },
  { key: 'userId', label: 'User id', kind: 'text' },
  { key: 'userEmail', label: 'User email', kind: 'text' },
  { key: 'runnerId', label: 'Runner id', kind: 'number' },
  { key: 'runnerEnvironment', label: 'Runner environment', kind: 'select', choices: [['gitlab-hosted', 'gitlab-hosted'], ['self-hosted', 'self-hosted']] },
];

const GITHUB_FIELDS: Array<FieldSpec<GitHubClaimsInput>> = [
  { key: 'owner', label: 'Owner', kind: 'text' },
  { key: 'ownerId', label: 'Owner id', kind: 'text' },
  { key: 'repo', label: 'Repository', kind: 'text' },
  { key: 'repoId', label: 'Repository id', kind: 'text' },
  { key: 'ref', label: 'Ref', kind: 'text', placeholder: 'refs/heads/main' },
  { key: 'environment', label: 'Environment', kind: 'text', placeholder: 'none' },
  {
    key: 'eventName',
    label: 'Event',
    kind: 'select',
    choices: ['push', 'pull_request', 'pull_request_target', 'workflow_dispatch', 'schedule', 'release', 'workflow_call', 'merge_group'].map((t) => [t, t]),
  },
  { key: 'workflowPath', label: 'Workflow file', kind: 'text' },
  { key: 'actor', label: 'Actor', kind: 'text' },
  { key: 'actorId', label: 'Actor id', kind: 'text' },
  { key: 'aud', label: 'Audience (aud)', kind: 'text', placeholder: 'https://github.com/<owner>' },
  { key: 'enterprise', label: 'Enterprise', kind: 'text', placeholder: 'none' },
  { key: 'immutableSub', label: 'Immutable sub (owner@id/repo@id)', kind: 'check' },
];

function Fields<T extends object>({ fields, value, onChange, prefix }: { fields: Array<FieldSpec<T>>; value: T; onChange: (next: T) => void; prefix: string }) {
  const record = value as Record<string, unknown>;
  const set = (key: string, next: unknown) => onChange({ ...value, [key]: next });
  return (
    <div className="builder">
      {fields.map((field) => {
        const id = `${prefix}-${field.key}`;
        if (field.kind === 'check') {
          return (
            <label key={field.key} className="checkbox" htmlFor={id}>
              <input id={id} type="checkbox" checked={Boolean(record[field.key])} onChange={(event) => set(field.key, event.target.checked)} /> {field.label}
            </label>
          );
        }
        return (
          <label key={field.key} htmlFor={id}>
            {field.label}
            {field.kind === 'select' ? (
              <select id={id} value={String(record[field.key])} onChange={(event) => set(field.key, event.target.value)}>
                {field.choices.map(([choice, text]) => (
                  <option key={choice} value={choice}>
                    {text}
                  </option>
                ))}
              </select>
            ) : (
              <input
                id={id}
                type={field.kind === 'number' ? 'number' : 'text'}
                value={String(record[field.key] ?? '')}
                placeholder={field.kind === 'text' ? field.placeholder : undefined}
                spellCheck={false}
                onChange={(event) => set(field.key, field.kind === 'number' ? Number(event.target.value) || 0 : event.target.value)}
              />
            )}
          </label>
        );
      })}
    </div>
  );
}

const TABS: Array<[TokenMode, string]> = [
  ['paste', 'Paste a token'],
  ['gitlab', 'Build GitLab claims'],
  ['github', 'Build GitHub claims'],
  ['template', 'Other issuers'],
];

/** A documented sample token per issuer (EKS, AKS, HCP Terraform, …) to load and then edit. */
function TemplatePicker({ engine, selected, prefix, onSelect }: { engine: Engine; selected: string; prefix: string; onSelect: (id: string) => void }) {
  const template = engine.CLAIM_TEMPLATES.find((candidate) => candidate.id === selected) ?? engine.CLAIM_TEMPLATES[0];
  return (
    <div className="builder">
      <label htmlFor={`${prefix}-template`}>
        Issuer
        <select id={`${prefix}-template`} data-testid="token-template" value={template.id} onChange={(event) => onSelect(event.target.value)}>
          {engine.CLAIM_TEMPLATES.map((candidate) => (
            <option key={candidate.id} value={candidate.id}>
              {candidate.label}
            </option>
          ))}
        </select>
      </label>
      <p className="muted small">
        <InlineText text={template.description} />{' '}
        <a href={template.source} target="_blank" rel="noreferrer noopener">
          Source
        </a>
      </p>
    </div>
  );
}

/** Paste a token, or build a complete, consistent claim set for a GitLab or GitHub job. */
export function TokenBuilders({ state, at, onState, onClaims }: Props) {
  const engine = useEngine();
  const prefix = useId();
  const gitlab = state.gitlab ?? engine?.GITLAB_DEFAULTS ?? null;
  const github = state.github ?? engine?.GITHUB_DEFAULTS ?? null;
  const select = (mode: TokenMode) => {
    onState({ ...state, mode, gitlab, github });
    if (mode === 'gitlab' && engine && gitlab) onClaims(engine.buildGitLabClaims(gitlab, at));
    if (mode === 'github' && engine && github) onClaims(engine.buildGitHubClaims(github, at));
    if (mode === 'template' && engine) loadTemplate(state.template ?? FIRST_TEMPLATE, { ...state, mode, gitlab, github });
  };
  const loadTemplate = (id: string, next: BuilderState) => {
    const template = engine?.CLAIM_TEMPLATES.find((candidate) => candidate.id === id);
    if (!engine || !template) return;
    onState({ ...next, template: id });
    onClaims(template.claims(at));
  };
  return (
    <>
      <div className="tabs" role="tablist" aria-label="Token source">
        {TABS.map(([mode, label]) => (
          <button
            key={mode}
            type="button"
            role="tab"
            id={`${prefix}-tab-${mode}`}
            aria-selected={state.mode === mode}
            aria-controls={`${prefix}-panel`}
            disabled={mode !== 'paste' && !engine}
            onClick={() => select(mode)}
            data-testid={`token-mode-${mode}`}
          >
            {label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${prefix}-panel`} aria-labelledby={`${prefix}-tab-${state.mode}`}>
        {state.mode === 'paste' ? (
          <p className="muted small">Paste a job token (a Bearer prefix, whitespace and wrapped lines are fine) or type claims as JSON below.</p>
        ) : !engine ? null : state.mode === 'template' ? (
          <TemplatePicker engine={engine} prefix={prefix} selected={state.template ?? FIRST_TEMPLATE} onSelect={(id) => loadTemplate(id, state)} />
        ) : state.mode === 'gitlab' && gitlab ? (
          <Fields
            prefix={`${prefix}-gitlab`}
            fields={GITLAB_FIELDS}
            value={gitlab}
            onChange={(next) => {
              onState({ ...state, gitlab: next });
              onClaims(engine.buildGitLabClaims(next, at));
            }}
          />
        ) : github ? (
          <Fields
            prefix={`${prefix}-github`}
            fields={GITHUB_FIELDS}
            value={github}
            onChange={(next) => {
              onState({ ...state, github: next });
              onClaims(engine.buildGitHubClaims(next, at));
            }}
          />
        ) : null}
        {state.mode !== 'paste' && (
          <p className="muted small">The claims below follow the form; edit them directly for anything the form does not offer.</p>
        )}
      </div>
    </>
  );
}
