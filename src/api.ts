/**
 * One typed function per endpoint of the airoadmap-lab REST API.
 *
 * The types come from `schema.ts`, which is generated from the server's models.
 */
import { ServerConnection } from '@jupyterlab/services';

import { requestAPI } from './request';
import type {
  ExerciseDetail,
  GradeResult,
  Hint,
  LessonDetail,
  Progress,
  Roadmap,
  Solution
} from './schema';

const seg = encodeURIComponent;

/** GET roadmap: the whole course tree with counts, the reading list and load problems. */
export function getRoadmap(
  settings: ServerConnection.ISettings
): Promise<Roadmap> {
  return requestAPI<Roadmap>('roadmap', settings);
}

/** GET lessons/{id}: one lesson ready to render. */
export function getLesson(
  id: string,
  settings: ServerConnection.ISettings
): Promise<LessonDetail> {
  return requestAPI<LessonDetail>(`lessons/${seg(id)}`, settings);
}

/** GET exercises/{id}: the public part of an exercise (prompt, starter, hint count). */
export function getExercise(
  id: string,
  settings: ServerConnection.ISettings
): Promise<ExerciseDetail> {
  return requestAPI<ExerciseDetail>(`exercises/${seg(id)}`, settings);
}

/** GET exercises/{id}/hints/{n}: hint number `n` (from 0). */
export function getHint(
  id: string,
  n: number,
  settings: ServerConnection.ISettings
): Promise<Hint> {
  return requestAPI<Hint>(`exercises/${seg(id)}/hints/${n}`, settings);
}

/** POST exercises/{id}/grade: grade the learner's code on the server. */
export function gradeExercise(
  id: string,
  code: string,
  settings: ServerConnection.ISettings
): Promise<GradeResult> {
  return requestAPI<GradeResult>(`exercises/${seg(id)}/grade`, settings, {
    method: 'POST',
    body: JSON.stringify({ code })
  });
}

/** GET progress: the learner's progress on every exercise, lesson and topic. */
export function getProgress(
  settings: ServerConnection.ISettings
): Promise<Progress> {
  return requestAPI<Progress>('progress', settings);
}

/** POST progress/reset: forget the progress of one exercise, or of the whole course. */
export function resetProgress(
  settings: ServerConnection.ISettings,
  exerciseId?: string
): Promise<Progress> {
  const body = exerciseId
    ? { confirm: true, exercise_id: exerciseId }
    : { confirm: true };
  return requestAPI<Progress>('progress/reset', settings, {
    method: 'POST',
    body: JSON.stringify(body)
  });
}

/** GET exercises/{id}/solution: the reference solution, when the course policy allows it. */
export function getSolution(
  id: string,
  settings: ServerConnection.ISettings
): Promise<Solution> {
  return requestAPI<Solution>(`exercises/${seg(id)}/solution`, settings);
}
