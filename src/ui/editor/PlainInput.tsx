import { useImperativeHandle, useRef } from 'react';
import type { SourceRange } from '../../engine/result';
import { offsetOf, type CodeInputProps } from './types';

/** The textarea every editor starts as: usable at once, and what stays when Monaco is off. */
/**
 * Pastes longer than `limit` characters are refused before they reach the textarea: laying out
 * and reading megabytes held the tab for many seconds, for an input no service would accept.
 */
export interface PasteLimit {
  limit: number;
  onRefused: (length: number) => void;
}

export function PlainInput(props: CodeInputProps & { revealForEditor?: { current: SourceRange | null }; pasteLimit?: PasteLimit }) {
  const area = useRef<HTMLTextAreaElement>(null);
  useImperativeHandle(props.handleRef, () => ({
    reveal(range) {
      // While it stands in for Monaco, the editor that replaces it shows the same range.
      if (props.revealForEditor) props.revealForEditor.current = range;
      const element = area.current;
      if (!element) return;
      const start = offsetOf(element.value, range.line, range.column);
      const end = offsetOf(element.value, range.endLine, range.endColumn);
      element.focus();
      element.setSelectionRange(start, Math.max(start, end));
      // Scroll the selection into view: browsers only do so on focus changes.
      const lineHeight = parseFloat(getComputedStyle(element).lineHeight) || 18;
      element.scrollTop = Math.max(0, (range.line - 3) * lineHeight);
    },
  }));
  return (
    <textarea
      ref={area}
      id={props.id}
      className="code-input plain"
      data-testid={props.testId}
      aria-label={props.label}
      value={props.value}
      spellCheck={false}
      autoCapitalize="off"
      autoComplete="off"
      autoCorrect="off"
      placeholder={props.placeholder}
      rows={props.rows ?? 16}
      onChange={(event) => props.onChange(event.target.value)}
      onPaste={(event) => {
        const limit = props.pasteLimit;
        if (!limit) return;
        const length = event.clipboardData.getData('text/plain').length;
        if (length <= limit.limit) return;
        event.preventDefault();
        limit.onRefused(length);
      }}
    />
  );
}
