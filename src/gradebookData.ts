/**
 * Pure helpers of the gradebook panel: sorting students, binning scores for the histogram,
 * formatting times. No DOM here, so they are easy to reason about.
 */
import type { Gradebook, GradebookEntry, GradebookStudent } from './schema';

/** What the table is sorted by: a fixed column or an exercise (`exercise:<id>`). */
export type SortKey =
  'name' | 'total' | 'passed' | 'last' | `exercise:${string}`;

/** The table's sort: a key and a direction. */
export interface ISort {
  key: SortKey;
  ascending: boolean;
}

/** The fraction of the points a student got on an entry (0 to 1), or null when not attempted. */
export function entryFraction(
  entry: GradebookEntry | undefined
): number | null {
  if (!entry || entry.attempts === 0) {
    return null;
  }
  return entry.max_score > 0 ? entry.best_score / entry.max_score : 0;
}

/** The value a student is sorted by (null sorts after every value, whatever the direction). */
function sortValue(
  student: GradebookStudent,
  key: SortKey
): string | number | null {
  switch (key) {
    case 'name':
      return student.name.toLowerCase();
    case 'total':
      return student.total_score;
    case 'passed':
      return student.passed_count;
    case 'last':
      return student.last_attempt ?? null;
    default:
      return entryFraction(student.exercises[key.slice('exercise:'.length)]);
  }
}

/**
 * The students in table order: by `sort`, students without a value last, ties by name.
 * Returns a new array.
 */
export function sortStudents(
  students: GradebookStudent[],
  sort: ISort
): GradebookStudent[] {
  const direction = sort.ascending ? 1 : -1;
  return [...students].sort((a, b) => {
    const va = sortValue(a, sort.key);
    const vb = sortValue(b, sort.key);
    if (va === null || vb === null) {
      if (va !== vb) {
        return va === null ? 1 : -1;
      }
    } else if (va !== vb) {
      return (va < vb ? -1 : 1) * direction;
    }
    return a.name.localeCompare(b.name);
  });
}

/** The next sort after a click on the header of `key`: toggles, or starts a new column. */
export function nextSort(current: ISort, key: SortKey): ISort {
  if (current.key === key) {
    return { key, ascending: !current.ascending };
  }
  // Names read A to Z first; numbers and dates read best or newest first.
  return { key, ascending: key === 'name' };
}

/** One bar of the score histogram: scores from `from` (inclusive) to `to` (in % of the points). */
export interface IBin {
  from: number;
  to: number;
  count: number;
}

/** The class's scores on one exercise, binned in `binCount` equal ranges of 0-100 %. */
export interface IScoreDistribution {
  bins: IBin[];
  /** Students who have not checked this exercise (not in any bin). */
  notAttempted: number;
  /** Students who passed it. */
  passed: number;
}

/**
 * Bin the best scores of every student on `exerciseId`. A score of exactly 100 % falls in the
 * last bin; students with no attempt are counted apart.
 */
export function scoreDistribution(
  gradebook: Gradebook,
  exerciseId: string,
  binCount = 10
): IScoreDistribution {
  const width = 100 / binCount;
  const bins: IBin[] = Array.from({ length: binCount }, (_, i) => ({
    from: Math.round(i * width),
    to: Math.round((i + 1) * width),
    count: 0
  }));
  let notAttempted = 0;
  let passed = 0;
  for (const student of gradebook.students) {
    const entry = student.exercises[exerciseId];
    const fraction = entryFraction(entry);
    if (fraction === null) {
      notAttempted++;
      continue;
    }
    if (entry?.passed) {
      passed++;
    }
    const index = Math.min(binCount - 1, Math.floor(fraction * binCount));
    bins[Math.max(0, index)].count++;
  }
  return { bins, notAttempted, passed };
}

/** A Unix time (seconds) as a short local date and time, or "" for none. */
export function formatTime(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) {
    return '';
  }
  return new Date(seconds * 1000).toLocaleString(undefined, {
    dateStyle: 'medium',
    timeStyle: 'short'
  });
}

/** Points without a useless ".0". */
export function formatPoints(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}
