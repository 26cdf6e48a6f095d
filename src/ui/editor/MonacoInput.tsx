import Editor, { type OnMount } from '@monaco-editor/react';
import { useEffect, useImperativeHandle, useMemo, useRef, useState, type ReactNode } from 'react';
import { escapeMarkdown } from '../../engine/markdown';
import { isHeavyText } from './heavy';
import { monaco } from './monacoSetup';
import type { SourceRange } from '../../engine/result';
import type { Annotation, CodeInputProps, Highlight } from './types';

type StandaloneEditor = Parameters<OnMount>[0];

const SEVERITY = {
  error: monaco.MarkerSeverity.Error,
  warning: monaco.MarkerSeverity.Warning,
  info: monaco.MarkerSeverity.Info,
} as const;

function toRange(annotation: Annotation): monaco.IRange {
  const { line, column, endLine, endColumn } = annotation.range;
  return { startLineNumber: line, startColumn: column, endLineNumber: endLine, endColumn };
}

/**
 * `mark-<severity>` on every annotated range; `mark-decisive` on the check that decided, and
 * `mark-fail` on other failing checks, so a failing part (one clause) stays distinguishable
 * inside a decisive whole (the condition) where the ranges nest.
 */
function inlineMarkOf(annotation: Annotation): string {
  const marks = [`mark-${annotation.severity}`];
  if (annotation.decisive) marks.push('mark-decisive');
  else if (annotation.severity === 'error') marks.push('mark-fail');
  if (annotation.mark) marks.push(annotation.mark);
  return marks.join(' ');
}

function contains(outer: Annotation['range'], inner: Annotation['range']): boolean {
  const startsBefore = outer.line < inner.line || (outer.line === inner.line && outer.column <= inner.column);
  const endsAfter = outer.endLine > inner.endLine || (outer.endLine === inner.endLine && outer.endColumn >= inner.endColumn);
  const same = outer.line === inner.line && outer.column === inner.column && outer.endLine === inner.endLine && outer.endColumn === inner.endColumn;
  return startsBefore && endsAfter && !same;
}

/**
 * The annotations that get a squiggle: not passes or info notes, and not a failing whole (a statement, a
 * condition) around a failing part, so the squiggle lands on the part that failed.
 */
function squiggledOf(annotations: Annotation[]): Annotation[] {
  const problems = annotations.filter((a) => a.severity !== 'pass' && a.severity !== 'info');
  return problems.filter((a) => a.severity !== 'error' || !problems.some((b) => b !== a && b.severity === 'error' && contains(a.range, b.range)));
}

/** Gravest first: the order in which one line's annotations compete for its gutter glyph. */
const GRAVITY: Record<Annotation['severity'], number> = { error: 3, warning: 2, info: 1, pass: 0 };

/** For each line where an annotation starts: the gravest severity there and every message, gravest first. */
export function gravestPerLine(annotations: Annotation[]): Array<{ line: number; severity: Annotation['severity']; messages: string[] }> {
  const byLine = new Map<number, Annotation[]>();
  for (const annotation of annotations) {
    const list = byLine.get(annotation.range.line);
    if (list) list.push(annotation);
    else byLine.set(annotation.range.line, [annotation]);
  }
  return [...byLine].map(([line, list]) => {
    const sorted = [...list].sort((a, b) => GRAVITY[b.severity] - GRAVITY[a.severity]);
    return { line, severity: sorted[0].severity, messages: [...new Set(sorted.map((a) => a.message))] };
  });
}

const hovers = new Map<string, monaco.IMarkdownString>();

/**
 * Hovers render Markdown; messages quote claim values, so they go in as escaped text. A keystroke
 * changes a few checks' messages: the others keep their escaped hover.
 */
function hoverOf(message: string): monaco.IMarkdownString {
  let hover = hovers.get(message);
  if (!hover) {
    if (hovers.size > 2_000) hovers.clear();
    hover = { value: escapeMarkdown(message), isTrusted: false, supportHtml: false };
    hovers.set(message, hover);
  }
  return hover;
}

/** Checks and findings become gutter glyphs, squiggles for failures, and hovers that explain. */
function applyAnnotations(editor: StandaloneEditor, annotations: Annotation[], decorations: monaco.editor.IEditorDecorationsCollection) {
  const model = editor.getModel();
  if (!model) return;
  const lineCount = model.getLineCount();
  const inModel = annotations.filter((a) => a.range.line >= 1 && a.range.line <= lineCount);
  const squiggled = new Set(squiggledOf(inModel));
  monaco.editor.setModelMarkers(
    model,
    'trustlens',
    inModel
      .filter((a) => squiggled.has(a))
      .map((a) => ({ ...toRange(a), severity: SEVERITY[a.severity as keyof typeof SEVERITY], message: a.message, source: 'trustlens' })),
  );
  const stickiness = monaco.editor.TrackedRangeStickiness.NeverGrowsWhenTypingAtEdges;
  decorations.set([
    // One glyph per line, the gravest of the line's annotations (a failure wins over a warning on
    // the same line); its hover lists them all.
    ...gravestPerLine(inModel).map(({ line, severity, messages }) => ({
      range: { startLineNumber: line, startColumn: 1, endLineNumber: line, endColumn: 1 },
      options: { glyphMarginClassName: `glyph glyph-${severity}`, glyphMarginHoverMessage: hoverOf(messages.join('\n\n')), stickiness },
    })),
    ...inModel.flatMap((a) => {
      const hover = hoverOf(a.message);
      return [
        // The range itself carries the hover and the highlight.
        {
          range: toRange(a),
          options: {
            // Marked ranges get their hover from the marker.
            hoverMessage: squiggled.has(a) ? undefined : hover,
            className: a.decisive ? (a.severity === 'pass' ? 'decisive-range-pass' : 'decisive-range') : undefined,
            // Inline classes land on the rendered text itself, so the marked characters can be read
            // back (tests) and styled apart from the whole-line highlight.
            inlineClassName: inlineMarkOf(a),
            stickiness,
          },
        },
      ];
    }),
  ]);
}

function applyHighlights(editor: StandaloneEditor, highlights: Highlight[], decorations: monaco.editor.IEditorDecorationsCollection) {
  const lineCount = editor.getModel()?.getLineCount() ?? 0;
  decorations.set(
    highlights
      .filter((h) => h.range.line >= 1 && h.range.endLine <= lineCount)
      .map((h) => ({
        range: { startLineNumber: h.range.line, startColumn: h.range.column, endLineNumber: h.range.endLine, endColumn: h.range.endColumn },
        options: { inlineClassName: h.className, stickiness: monaco.editor.TrackedRangeStickiness.NeverGrowsWhenTypingAtEdges },
      })),
  );
}

const NO_HIGHLIGHTS: Highlight[] = [];

function revealRange(editor: StandaloneEditor, range: SourceRange, focus = true): void {
  const target = { startLineNumber: range.line, startColumn: range.column, endLineNumber: range.endLine, endColumn: range.endColumn };
  editor.revealRangeInCenterIfOutsideViewport(target);
  // Cursor at the start of the range, so the line the check names is the active one.
  editor.setSelection(new monaco.Selection(range.endLine, range.endColumn, range.line, range.column));
  if (focus) editor.focus();
}

/**
 * When Shift+Tab was last pressed anywhere on the page. Focus that arrives in an editor right
 * after it came from below: the reader is moving backwards through the page, and the editor must
 * not keep them (Monaco would take the next Shift+Tab as "outdent").
 */
let lastShiftTab = 0;
if (typeof window !== 'undefined') {
  window.addEventListener('keydown', (event) => {
    if (event.key === 'Tab' && event.shiftKey) lastShiftTab = performance.now();
  }, true);
}

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]';

/** The Tab stop before (or after) `element` in document order, outside it. */
function tabStopBeside(element: HTMLElement, direction: -1 | 1): HTMLElement | null {
  const stops = Array.from(document.querySelectorAll<HTMLElement>(FOCUSABLE)).filter(
    (candidate) => candidate.tabIndex >= 0 && !element.contains(candidate) && candidate.getClientRects().length > 0,
  );
  const side = direction < 0 ? Node.DOCUMENT_POSITION_PRECEDING : Node.DOCUMENT_POSITION_FOLLOWING;
  const beside = stops.filter((candidate) => element.compareDocumentPosition(candidate) & side);
  return (direction < 0 ? beside.at(-1) : beside[0]) ?? null;
}

/**
 * A heavy text gets a model of its own, in plain text, with every service that reads the whole
 * text off. Its own model, because a model's bracket index, once any feature has asked for it, is
 * rebuilt on every change for as long as the model lives.
 */
function heavyModelPath(path: string): string {
  return `${path}.large.txt`;
}

const HEAVY_OPTIONS: monaco.editor.IEditorOptions = {
  bracketPairColorization: { enabled: false },
  guides: { bracketPairs: false, bracketPairsHorizontal: false, indentation: false, highlightActiveIndentation: false },
  matchBrackets: 'never',
  autoClosingBrackets: 'never',
  autoClosingQuotes: 'never',
  autoSurround: 'never',
  folding: false,
  occurrencesHighlight: 'off',
  selectionHighlight: false,
  colorDecorators: false,
  quickSuggestions: false,
  unicodeHighlight: { ambiguousCharacters: false, invisibleCharacters: false, nonBasicASCII: false },
  // Wrapping lays out every line of the text when the model arrives.
  wordWrap: 'off',
};

/**
 * The same options at Monaco's defaults, for a text that is light again: options left out of an
 * update keep their last value.
 */
const LIGHT_OPTIONS = Object.fromEntries(
  Object.values(monaco.editor.EditorOptions as Record<string, { name: string; defaultValue: unknown }>)
    .filter((option) => option.name in HEAVY_OPTIONS)
    .map((option) => [option.name, option.defaultValue]),
) as monaco.editor.IEditorOptions;
LIGHT_OPTIONS.wordWrap = 'on';

/** Pastes shorter than this cannot make a text heavy by their length; they are left to Monaco unread. */
const PASTE_WORTH_READING = 256;

export default function MonacoInput(props: CodeInputProps & { fallback: ReactNode; revealForEditor: { current: SourceRange | null } }) {
  const editorRef = useRef<StandaloneEditor | null>(null);
  // Until the editor is mounted the placeholder textarea holds the id and test id: two elements
  // with one id (one being torn down) would break labels and anything that looks the input up.
  const [mounted, setMounted] = useState(false);
  const decorationsRef = useRef<monaco.editor.IEditorDecorationsCollection | null>(null);
  const highlightDecorationsRef = useRef<monaco.editor.IEditorDecorationsCollection | null>(null);
  const annotationsRef = useRef(props.annotations);
  annotationsRef.current = props.annotations;
  const highlights = props.highlights ?? NO_HIGHLIGHTS;
  const highlightListRef = useRef(highlights);
  highlightListRef.current = highlights;

  // A range asked for before the editor mounted (while the textarea stood in, or while the editor
  // was booting) is revealed once it mounts rather than dropped.
  const pendingRevealRef = props.revealForEditor;

  const heavy = useMemo(() => isHeavyText(props.value), [props.value]);
  const path = heavy ? heavyModelPath(props.path) : props.path;
  const onChangeRef = useRef(props.onChange);
  onChangeRef.current = props.onChange;

  // Back to a light text: the heavy model (megabytes, perhaps) is let go.
  const lastHeavyPath = useRef<string | null>(null);
  useEffect(() => {
    const previous = lastHeavyPath.current;
    if (previous && previous !== path) monaco.editor.getModel(monaco.Uri.parse(previous))?.dispose();
    lastHeavyPath.current = heavy ? path : null;
    // Bracket colours are the model's option, not the editor's. The editor has just been given
    // the model (the Editor's effects run before these); it paints on the next frame.
    if (heavy) monaco.editor.getModel(monaco.Uri.parse(path))?.updateOptions({ bracketColorizationOptions: { enabled: false, independentColorPoolPerBracketType: false } });
  }, [heavy, path, mounted]);

  useImperativeHandle(props.handleRef, () => ({
    reveal(range) {
      const editor = editorRef.current;
      if (editor) revealRange(editor, range);
      else pendingRevealRef.current = range;
    },
  }));

  useEffect(() => {
    const editor = editorRef.current;
    if (editor && decorationsRef.current) applyAnnotations(editor, props.annotations, decorationsRef.current);
  }, [props.annotations, path, props.value]);

  useEffect(() => {
    const editor = editorRef.current;
    if (editor && highlightDecorationsRef.current) applyHighlights(editor, highlights, highlightDecorationsRef.current);
  }, [highlights, path, props.value]);

  const onMount: OnMount = (editor) => {
    editorRef.current = editor;
    setMounted(true);
    decorationsRef.current = editor.createDecorationsCollection();
    applyAnnotations(editor, annotationsRef.current, decorationsRef.current);
    highlightDecorationsRef.current = editor.createDecorationsCollection();
    applyHighlights(editor, highlightListRef.current, highlightDecorationsRef.current);
    if (pendingRevealRef.current) {
      // Focus follows only if it is still on the stand-in (or nowhere): never away from typing elsewhere.
      const active = document.activeElement;
      revealRange(editor, pendingRevealRef.current, !active || active === document.body || active.id === props.id);
      pendingRevealRef.current = null;
    }
    // A paste that makes the text heavy never reaches the light model: Monaco would colour, fold and
    // validate it there first. The text goes to the page as it would after the paste, and the
    // editor takes it up in a heavy model.
    editor.getContainerDomNode().addEventListener(
      'paste',
      (event) => {
        const pasted = event.clipboardData?.getData('text/plain') ?? '';
        const model = editor.getModel();
        const selection = editor.getSelection();
        if (!model || !selection || model.uri.path.endsWith('.large.txt')) return;
        if (pasted.length < PASTE_WORTH_READING && !pasted.includes('[') && !pasted.includes('{') && !pasted.includes('(')) return;
        const current = model.getValue();
        const next = current.slice(0, model.getOffsetAt(selection.getStartPosition())) + pasted + current.slice(model.getOffsetAt(selection.getEndPosition()));
        if (!isHeavyText(next)) return;
        event.preventDefault();
        event.stopPropagation();
        // Unwrapped before the heavy model arrives: wrapping would lay out every line of it first.
        editor.updateOptions(HEAVY_OPTIONS);
        onChangeRef.current(next);
      },
      true,
    );
    // Entered with Shift+Tab from below and not yet used: Shift+Tab goes on backwards and Tab
    // returns forwards, as on any other field. Typing, clicking or moving the cursor ends this, and
    // Tab indents again.
    const passingThrough = editor.createContextKey<boolean>('trustlensPassingThrough', false);
    editor.onDidFocusEditorText(() => passingThrough.set(performance.now() - lastShiftTab < 1_000));
    editor.onDidBlurEditorText(() => passingThrough.set(false));
    editor.onMouseDown(() => passingThrough.set(false));
    editor.onKeyDown((event) => {
      if (event.keyCode !== monaco.KeyCode.Tab && event.keyCode !== monaco.KeyCode.Shift) passingThrough.set(false);
    });
    const wrapper = () => editor.getContainerDomNode().closest<HTMLElement>('.monaco-wrapper') ?? editor.getContainerDomNode();
    editor.addCommand(monaco.KeyMod.Shift | monaco.KeyCode.Tab, () => tabStopBeside(wrapper(), -1)?.focus(), 'trustlensPassingThrough');
    editor.addCommand(monaco.KeyCode.Tab, () => tabStopBeside(wrapper(), 1)?.focus(), 'trustlensPassingThrough');
    // Tab indents inside the editor; Escape (with no widget open) steps out to the keyboard note
    // after it, so the next Tab moves on. Ctrl+M (Monaco's tab-focus mode) is the other way out.
    editor.addCommand(
      monaco.KeyCode.Escape,
      () => document.getElementById(`${props.id}-keys`)?.focus(),
      '!suggestWidgetVisible && !findWidgetVisible && !parameterHintsVisible && !renameInputVisible && !inSnippetMode && !editorHasMultipleSelections && !hasNextTabstop',
    );
  };

  return (
    <Editor
      value={props.value}
      language={heavy ? 'plaintext' : props.language}
      path={path}
      theme={props.theme === 'dark' ? 'vs-dark' : 'vs'}
      loading={props.fallback}
      onChange={(value) => props.onChange(value ?? '')}
      onMount={onMount}
      className="code-input monaco"
      wrapperProps={mounted ? { 'data-testid': props.testId, className: 'monaco-wrapper', id: props.id } : { className: 'monaco-wrapper' }}
      height="100%"
      options={{
        ariaLabel: props.label,
        glyphMargin: true,
        minimap: { enabled: false },
        scrollBeyondLastLine: false,
        // Long ARNs, subjects and URLs wrap after their separators rather than mid-word, and no
        // sticky header covers lines on a small screen.
        wordWrapBreakAfterCharacters: ' \t})]?|/&.,;:-',
        stickyScroll: { enabled: false },
        fontSize: 13,
        tabSize: 2,
        automaticLayout: true,
        fixedOverflowWidgets: true,
        renderValidationDecorations: 'on',
        accessibilitySupport: 'auto',
        // URLs in a pasted token or configuration are values under review, not places to go: the
        // editor's link detection would offer "Follow link" on hover for a hostile claim's URL.
        links: false,
        ...(heavy ? HEAVY_OPTIONS : LIGHT_OPTIONS),
      }}
    />
  );
}
