/**
 * The learner's own rule for showing reference solutions (extension settings), applied before the
 * frontend asks the server, which may refuse on its own (classroom mode).
 */
import { TranslationBundle } from '@jupyterlab/translation';

import type { ExerciseProgress } from './schema';

/** When the reference solution may be shown. */
export type SolutionPolicyMode = 'always' | 'afterFailedChecks' | 'never';

/** The solution settings of the exercises plugin. */
export interface ISolutionPolicy {
  mode: SolutionPolicyMode;
  /** With `afterFailedChecks`: how many failed checks open the solution. */
  afterFailedChecks: number;
}

/** The defaults, as in schema/settings/exercises.json. */
export const DEFAULT_SOLUTION_POLICY: ISolutionPolicy = {
  mode: 'afterFailedChecks',
  afterFailedChecks: 3
};

/**
 * Why the solution may not be shown yet, or null when it may.
 *
 * A passed exercise always opens its solution under `afterFailedChecks` (comparing is useful then).
 */
export function solutionRefusal(
  policy: ISolutionPolicy,
  record: ExerciseProgress | undefined,
  trans: TranslationBundle
): string | null {
  switch (policy.mode) {
    case 'always':
      return null;
    case 'never':
      return trans.__(
        'Reference solutions are turned off in your settings (AI Roadmap: exercises › Solution policy).'
      );
    case 'afterFailedChecks': {
      const failed = record?.failed_attempts ?? 0;
      if (record?.state === 'done' || failed >= policy.afterFailedChecks) {
        return null;
      }
      const left = policy.afterFailedChecks - failed;
      return trans._n(
        'The solution opens after %2 failed checks of this exercise: %1 more check to go. A hint may get you there first.',
        'The solution opens after %2 failed checks of this exercise: %1 more checks to go. A hint may get you there first.',
        left,
        policy.afterFailedChecks
      );
    }
  }
}
