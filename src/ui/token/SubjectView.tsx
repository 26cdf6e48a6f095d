import type { Claims } from '../../engine/token';
import type { ClaimCatalogue } from './catalogue';
import { InlineText } from './InlineText';

/** `sub` split into labelled segments, e.g. project_path / ref_type / ref for GitLab. */
export function SubjectView({ claims, catalogue }: { claims: Claims; catalogue: ClaimCatalogue }) {
  const explanation = catalogue.subject(claims);
  if (!explanation) return null;
  return (
    <section className="subject" aria-labelledby="subject-heading" data-testid="subject-explained">
      <h3 id="subject-heading">
        <code>sub</code>, explained
      </h3>
      <p className="muted small">
        <InlineText text={explanation.description} />
      </p>
      <ol className="segments">
        {explanation.segments.map((segment, index) => (
          <li key={`${segment.key}#${index}`} className="segment">
            <span className="segment-label">{segment.label}</span>
            <code className="segment-value">{segment.value}</code>
          </li>
        ))}
      </ol>
      {explanation.notes.map((note) => (
        <p key={note} className="flag" role="note">
          <InlineText text={note} />
        </p>
      ))}
    </section>
  );
}
