import { useState } from 'react';
import { displayValue } from '../format';

function wholeText(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return '(too deeply nested to show)';
  }
}

/**
 * A claim value as displayValue previews it (cut when long, so a 10 MB claim does not stall the
 * page), with a button that shows it whole on request.
 */
export function LongValue({ value }: { value: unknown }) {
  const [whole, setWhole] = useState<string | null>(null);
  const preview = displayValue(value);
  if (whole !== null) return <code className="value claim-value">{whole}</code>;
  const cut = typeof value === 'string' ? preview !== value : preview.endsWith(' characters)');
  return (
    <>
      <code className="value claim-value">{preview}</code>
      {cut && (
        <>
          {' '}
          <button type="button" className="link-button small" onClick={() => setWhole(wholeText(value))} data-testid="show-whole-value">
            Show all
          </button>
        </>
      )}
    </>
  );
}
