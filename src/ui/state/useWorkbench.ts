/**
 * The workbench's life cycle: restored from the fragment on load, loaded from examples on
 * `#example=` navigation, and mirrored back into the fragment (without the token's signature)
 * as the user edits.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Example } from '../../engine/examples';
import { shareInputOf } from '../share/input';
import { readFragment } from './fragment';
import { safeReadToken } from './useEvaluation';
import type { Engine } from './useEngine';
import { defaultExample, defaultWorkbench, EMPTY_WORKBENCH, workbenchFromExample, type Workbench } from './workbench';

/** Beyond this, compressing the state on every edit would make typing sluggish; no link is kept. */
const MAX_MIRRORED_CHARS = 200_000;

export interface LoadNotice {
  kind: 'invalid-fragment' | 'too-large' | 'token-left-out';
  message: string;
}

interface Initial {
  workbench: Workbench;
  notice: LoadNotice | null;
  exampleId: string | null;
}

function initialFrom(hash: string): Initial {
  const outcome = readFragment(hash);
  switch (outcome.kind) {
    case 'state':
      return { workbench: outcome.workbench, notice: null, exampleId: null };
    case 'example':
      return { workbench: workbenchFromExample(outcome.example), notice: null, exampleId: outcome.example.id };
    case 'invalid':
      // A broken link loads nothing: showing another scenario could be mistaken for the linked one.
      return {
        workbench: EMPTY_WORKBENCH,
        notice: { kind: 'invalid-fragment', message: `${outcome.reason} Paste a token and a configuration, or pick an example.` },
        exampleId: null,
      };
    case 'none':
      return { workbench: defaultWorkbench(), notice: null, exampleId: defaultExample()?.id ?? null };
  }
}

function replaceFragment(fragment: string) {
  const url = `${window.location.pathname}${window.location.search}${fragment}`;
  window.history.replaceState(window.history.state, '', url);
}

export function useWorkbench(engine: Engine | null) {
  const [initial] = useState(() => initialFrom(window.location.hash));
  const [workbench, setWorkbench] = useState(initial.workbench);
  const [notice, setNotice] = useState<LoadNotice | null>(initial.notice);
  const [exampleId, setExampleId] = useState<string | null>(initial.exampleId);
  // Only user edits rewrite the fragment: an opened link or example stays as it was given.
  const edited = useRef(false);

  const update = useCallback((change: Partial<Workbench>) => {
    edited.current = true;
    setExampleId(null);
    setWorkbench((current) => ({ ...current, ...change }));
  }, []);

  const loadExample = useCallback((example: Example, writeUrl = true) => {
    edited.current = false;
    setWorkbench(workbenchFromExample(example));
    setExampleId(example.id);
    setNotice(null);
    if (writeUrl) replaceFragment(`#example=${encodeURIComponent(example.id)}`);
  }, []);

  useEffect(() => {
    const onHashChange = () => {
      const outcome = readFragment(window.location.hash);
      if (outcome.kind === 'example') loadExample(outcome.example, false);
      else if (outcome.kind === 'state') {
        edited.current = false;
        setWorkbench(outcome.workbench);
        setExampleId(null);
        setNotice(null);
      } else if (outcome.kind === 'invalid') {
        setNotice({ kind: 'invalid-fragment', message: outcome.reason });
      }
    };
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, [loadExample]);

  useEffect(() => {
    if (!edited.current || !engine) return;
    const size = workbench.tokenText.length + workbench.policyText.length;
    if (size > MAX_MIRRORED_CHARS) {
      replaceFragment('');
      setNotice({ kind: 'too-large', message: 'The inputs are too large to keep in the address bar; the link there no longer reflects them.' });
      return;
    }
    const timer = window.setTimeout(() => {
      // The address bar gets what a default share link carries: claims and header, never the signature.
      const input = shareInputOf(workbench, safeReadToken(engine, workbench.tokenText));
      const state = engine.buildShareState(input, { includeToken: false, redact: false });
      const link = engine.shareLink('', state);
      if (!link.loadable) {
        replaceFragment('');
        setNotice({ kind: 'too-large', message: 'These inputs would not load back from a link (too large or too deeply nested); the address bar no longer reflects them.' });
        return;
      }
      replaceFragment(link.url);
      if (engine.tokenInputLeftOut(input)) {
        setNotice({ kind: 'token-left-out', message: 'The token input does not decode as one token, so the address bar and share links leave it out.' });
      } else setNotice((current) => (current?.kind === 'too-large' || current?.kind === 'token-left-out' ? null : current));
    }, 250);
    return () => window.clearTimeout(timer);
  }, [workbench, engine]);

  return { workbench, update, loadExample, exampleId, notice, dismissNotice: () => setNotice(null) };
}
