import type { PaneHint } from '../engine/wrong-pane';

const PANE_NAMES: Record<PaneHint['belongs'], string> = { token: 'the Token pane', policy: 'the Trust configuration pane' };

/** "This looks like …, which belongs in …", with one click to move the text there. */
export function WrongPaneHint({ hint, onMove }: { hint: PaneHint; onMove?: () => void }) {
  const where = PANE_NAMES[hint.belongs];
  return (
    <p className="callout callout-warning" role="note" data-testid="wrong-pane-hint" data-belongs={hint.belongs}>
      This looks like {hint.looksLike}: it belongs in {where}, not here.{' '}
      {onMove && (
        <button type="button" className="link-button" onClick={onMove} data-testid="wrong-pane-move">
          Move it to {where}
        </button>
      )}
    </p>
  );
}
