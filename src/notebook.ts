/**
 * Exercise cells in notebooks: building them, finding them, and writing their grade output.
 *
 * An exercise is two cells marked in `metadata.airoadmap`: a Markdown cell with the prompt
 * (role "prompt") and a code cell with the starter (role "code") that the learner edits and checks.
 */
import { ICellModel, ICodeCellModel } from '@jupyterlab/cells';
import * as nbformat from '@jupyterlab/nbformat';
import { PartialJSONObject } from '@lumino/coreutils';

import { GRADE_MIME_TYPE, GradeOutputData } from './grade';
import type { Demo, ExerciseDetail, LessonDetail } from './schema';

/** The metadata key of airoadmap cells. */
export const METADATA_KEY = 'airoadmap';

/** What `metadata.airoadmap` holds on an exercise cell. */
export interface IExerciseCellMetadata {
  exercise_id: string;
  version: number;
  role: 'prompt' | 'code';
}

/** The two cells of an exercise: its prompt and its starter code. */
export function exerciseCells(exercise: ExerciseDetail): nbformat.ICell[] {
  const meta = (
    role: IExerciseCellMetadata['role']
  ): Partial<nbformat.ICellMetadata> => ({
    [METADATA_KEY]: {
      exercise_id: exercise.id,
      version: exercise.version,
      role
    }
  });
  return [
    {
      cell_type: 'markdown',
      source: exercise.prompt,
      metadata: meta('prompt')
    },
    {
      cell_type: 'code',
      source: exercise.starter,
      metadata: meta('code'),
      outputs: [],
      execution_count: null
    }
  ];
}

/** A demo as a Markdown title and a code cell (not graded). */
export function demoCells(demo: Demo): nbformat.ICell[] {
  return [
    { cell_type: 'markdown', source: `### ${demo.title}`, metadata: {} },
    {
      cell_type: 'code',
      source: demo.code,
      metadata: { [METADATA_KEY]: { demo_id: demo.id, role: 'demo' } },
      outputs: [],
      execution_count: null
    }
  ];
}

/** The heading cell of a lesson notebook. */
function lessonHeading(lesson: LessonDetail): nbformat.ICell {
  const objectives = lesson.objectives
    .map(objective => `- ${objective}`)
    .join('\n');
  const source = [
    `# ${lesson.title}`,
    '',
    `*${lesson.topic_title} · about ${lesson.minutes} minutes*`,
    ...(objectives ? ['', objectives] : [])
  ].join('\n');
  return { cell_type: 'markdown', source, metadata: {} };
}

/**
 * A whole lesson as a notebook: its heading, its text, its demos, then each exercise.
 * With `bodyIncluded` false only the heading and the given exercises are written.
 */
export function lessonNotebook(
  lesson: LessonDetail,
  exercises: ExerciseDetail[],
  bodyIncluded = true
): nbformat.INotebookContent {
  const cells: nbformat.ICell[] = [lessonHeading(lesson)];
  if (bodyIncluded) {
    cells.push({ cell_type: 'markdown', source: lesson.body, metadata: {} });
    for (const demo of lesson.demos) {
      cells.push(...demoCells(demo));
    }
  }
  for (const exercise of exercises) {
    cells.push(...exerciseCells(exercise));
  }
  return {
    cells,
    metadata: {
      kernelspec: {
        name: 'python3',
        display_name: 'Python 3 (ipykernel)',
        language: 'python'
      },
      language_info: { name: 'python' },
      [METADATA_KEY]: { lesson_id: lesson.id }
    },
    nbformat: 4,
    nbformat_minor: 5
  };
}

/** The exercise a cell belongs to, if it is the code cell of an exercise. */
export function exerciseOfCell(
  cell: ICellModel | null | undefined
): IExerciseCellMetadata | null {
  if (!cell || cell.type !== 'code') {
    return null;
  }
  const meta = cell.getMetadata(METADATA_KEY) as
    Partial<IExerciseCellMetadata> | undefined;
  if (meta && meta.role === 'code' && typeof meta.exercise_id === 'string') {
    return meta as IExerciseCellMetadata;
  }
  return null;
}

/** Whether an output is a grade output of this extension. */
function isGradeOutput(output: nbformat.IOutput): boolean {
  const data = (output as nbformat.IDisplayData).data;
  return !!data && GRADE_MIME_TYPE in data;
}

/**
 * Show `data` as the grade output of `cell`, replacing any earlier grade output and keeping the
 * cell's other outputs (what the learner's own run printed).
 */
export function setGradeOutput(
  cell: ICodeCellModel,
  data: GradeOutputData,
  text: string
): void {
  const kept: nbformat.IOutput[] = [];
  for (let i = 0; i < cell.outputs.length; i++) {
    const output = cell.outputs.get(i).toJSON();
    if (!isGradeOutput(output)) {
      kept.push(output);
    }
  }
  cell.outputs.clear();
  for (const output of kept) {
    cell.outputs.add(output);
  }
  cell.outputs.add({
    output_type: 'display_data',
    data: {
      [GRADE_MIME_TYPE]: data as unknown as PartialJSONObject,
      'text/plain': text
    },
    metadata: {}
  });
}

/** Remove the grade output of `cell`, if any. */
export function clearGradeOutput(cell: ICodeCellModel): void {
  const kept: nbformat.IOutput[] = [];
  for (let i = 0; i < cell.outputs.length; i++) {
    const output = cell.outputs.get(i).toJSON();
    if (!isGradeOutput(output)) {
      kept.push(output);
    }
  }
  if (kept.length !== cell.outputs.length) {
    cell.outputs.clear();
    kept.forEach(output => cell.outputs.add(output));
  }
}
