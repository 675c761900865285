/**
 * The grade output of an exercise cell: its MIME type, its text fallback and the shape of the
 * "checking" placeholder shown while the server grades.
 */
import type { GradeResult, GradeStatus } from './schema';

/** The MIME type of a grade result in a notebook output. */
export const GRADE_MIME_TYPE = 'application/vnd.airoadmap.grade+json';

/** The placeholder output shown while an attempt is being graded. */
export interface IPendingGrade {
  exercise_id: string;
  pending: true;
}

/** What a grade output holds: a result, or the placeholder. */
export type GradeOutputData = GradeResult | IPendingGrade;

/** Whether a grade output is the "checking" placeholder. */
export function isPending(data: GradeOutputData): data is IPendingGrade {
  return (data as IPendingGrade).pending === true;
}

/** A short English phrase for each status (the renderer translates its own labels). */
export const STATUS_TEXT: Record<GradeStatus, string> = {
  passed: 'Passed',
  failed: 'Not yet: some checks failed',
  error: 'Your code raised an error',
  timeout: 'Time limit exceeded',
  memory: 'Memory limit exceeded',
  not_attempted: 'Not attempted yet'
};

/** Format a number of points without a useless ".0". */
export function points(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

/** The readable text/plain version of a grade result (for other frontends and nbconvert). */
export function gradeToText(result: GradeResult): string {
  const lines = [
    `${STATUS_TEXT[result.status]}: ${points(result.score)}/${points(result.max_score)} points`
  ];
  if (result.message) {
    lines.push(result.message);
  }
  for (const test of result.tests ?? []) {
    const mark = test.passed ? '✓' : '✗';
    lines.push(
      `${mark} ${test.name} (${points(test.points)}/${points(test.max_points)})`
    );
    if (!test.passed && test.message) {
      lines.push(`    ${test.message}`);
    }
  }
  if (result.output) {
    lines.push(
      'Output:',
      result.output + (result.output_truncated ? '\n[output truncated]' : '')
    );
  }
  return lines.join('\n');
}
