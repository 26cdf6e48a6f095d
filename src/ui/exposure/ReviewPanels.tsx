import { lazy, Suspense, useMemo } from 'react';
import type { TokenOutcome } from '../../engine/token';
import type { EvaluationResult } from '../../engine/result';
import { CompareVerdict } from '../compare/CompareVerdict';
import { ErrorBoundary } from '../ErrorBoundary';
import { useComparison, type Exposure } from '../state/useExposure';
import type { Workbench } from '../state/workbench';
import { ExposurePanel } from './ExposurePanel';
import type { LoadableToken } from './WitnessCard';
import type { RevealTarget } from '../verdict/VerdictPane';
import { neededValues } from '../verdict/NeedsValues';
import { afterFirstVerdict } from '../state/firstVerdict';

// Below who else gets in: its code is fetched once the first verdict is painted.
const ScenarioMatrix = lazy(() => afterFirstVerdict().then(() => import('../matrix/ScenarioMatrix')).then((module) => ({ default: module.ScenarioMatrix })));

const NO_WITNESSES: never[] = [];

interface Props {
  workbench: Workbench;
  token: TokenOutcome | null;
  result: EvaluationResult | null;
  at: number;
  exposure: Exposure;
  onLoad: (token: LoadableToken) => void;
  /** The scenario matrix is for the full app; an embed shows only who else gets in. */
  matrix?: boolean;
  /** Shows a witness's way in in the configuration editor (the full app). */
  onReveal?: (target: RevealTarget) => void;
}

const NOTHING_NEEDED: readonly string[] = [];

/** Under the verdict: compare mode's before → now, who else gets in, and the scenario matrix. */
export function ReviewPanels({ workbench, token, result, at, exposure, onLoad, matrix = true, onReveal }: Props) {
  const comparison = useComparison(workbench, token, at);
  const current = token?.ok ? token.token.claims : null;
  const needed = neededValues(result);
  // One array while the names stay the same: every keystroke brings a new verdict, and a new
  // array would re-render every witness card.
  const neededKey = needed.join('\n');
  const waitingFor = useMemo(() => (neededKey === '' ? NOTHING_NEEDED : neededKey.split('\n')), [neededKey]);
  return (
    <>
      {workbench.before !== undefined && (
        <ErrorBoundary what="the comparison" resetKey={comparison.report}>
          <CompareVerdict comparison={comparison} afterResult={result} current={current} onLoad={onLoad} />
        </ErrorBoundary>
      )}
      <ErrorBoundary what="who else gets in" resetKey={exposure.report}>
        <ExposurePanel exposure={exposure} current={exposure.paneClaims} onLoad={onLoad} onReveal={onReveal} waitingFor={waitingFor} />
      </ErrorBoundary>
      {matrix && (
        <ErrorBoundary what="the scenario matrix" resetKey={exposure.report}>
          <Suspense fallback={null}>
            <ScenarioMatrix
              provider={workbench.provider}
              policyText={workbench.policyText}
              options={workbench.options}
              witnesses={exposure.report?.witnesses ?? NO_WITNESSES}
              current={current}
              at={at}
              onLoad={onLoad}
            />
          </Suspense>
        </ErrorBoundary>
      )}
    </>
  );
}
