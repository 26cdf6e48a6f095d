import { memo } from 'react';
import { EXAMPLES } from '../engine/examples';
import { useEngine } from './state/useEngine';
import { InlineText } from './token/InlineText';

const CI_LABEL = { gitlab: 'GitLab', github: 'GitHub', other: 'Other' } as const;

/** The example scenarios, each a stable deep link (`#example=<id>`) for documentation pages. */
function GalleryView({ currentId }: { currentId: string | null }) {
  const engine = useEngine();
  if (EXAMPLES.length === 0) return null;
  return (
    <section id="gallery" className="gallery" aria-labelledby="gallery-heading" data-testid="gallery">
      <h2 id="gallery-heading">Example gallery</h2>
      <p className="muted">Each example is a link you can put in documentation: <code>#example=&lt;id&gt;</code>.</p>
      <ul className="gallery-grid">
        {EXAMPLES.map((example) => (
          <li key={example.id} className={`gallery-card${example.id === currentId ? ' current' : ''}`} data-testid="gallery-item" data-example-id={example.id}>
            <a href={`#example=${encodeURIComponent(example.id)}`} aria-current={example.id === currentId ? 'true' : undefined}>
              <span className="gallery-title">{example.title}</span>
            </a>
            <span className="gallery-story">
              <InlineText text={example.story} />
            </span>
            <span className="gallery-meta">
              <span className="badge">{CI_LABEL[example.ci]}</span> <span className="badge">{engine?.PROVIDERS[example.provider]?.label ?? example.provider}</span>{' '}
              <span className={`badge decision-badge decision-${example.expect.decision}`}>{example.expect.decision}</span>{' '}
              <code className="muted small">{example.id}</code>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Memoised: it re-renders when its own inputs change, not on every keystroke elsewhere on the page. */
export const Gallery = memo(GalleryView);
