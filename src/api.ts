/**
 * One typed function per endpoint of the airoadmap-lab REST API.
 *
 * The types come from `schema.ts`, which is generated from the server's models.
 */
import { ServerConnection } from '@jupyterlab/services';

import { requestAPI, requestText } from './request';
import type {
  ExerciseDetail,
  GradeResult,
  Gradebook,
  Hint,
  LessonDetail,
  Progress,
  Roadmap,
  Solution,
  StudentAttempts
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

/** GET gradebook: every student's best score on every exercise (instructors only in a class). */
export function getGradebook(
  settings: ServerConnection.ISettings
): Promise<Gradebook> {
  return requestAPI<Gradebook>('gradebook', settings);
}

/** GET gradebook/students/{name}/attempts: one student's attempts, newest first. */
export function getStudentAttempts(
  name: string,
  settings: ServerConnection.ISettings
): Promise<StudentAttempts> {
  return requestAPI<StudentAttempts>(
    `gradebook/students/${seg(name)}/attempts`,
    settings
  );
}

/** GET gradebook.csv: the gradebook as a CSV file (its text). */
export function getGradebookCsv(
  settings: ServerConnection.ISettings
): Promise<string> {
  return requestText('gradebook.csv', settings);
}
