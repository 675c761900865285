import { ServerConnection } from '@jupyterlab/services';
import { Token } from '@lumino/coreutils';
import { ISignal } from '@lumino/signaling';

import type {
  LessonDetail,
  LessonSummary,
  Progress,
  Roadmap,
  SectionSummary,
  TopicSummary
} from './schema';

/** Where a lesson sits in the roadmap. */
export interface ILessonLocation {
  lesson: LessonSummary;
  topic: TopicSummary;
  section: SectionSummary;
}

/** The state of the roadmap download. */
export type CourseState =
  | { kind: 'loading' }
  | { kind: 'ready'; roadmap: Roadmap }
  | { kind: 'error'; message: string };

/** The course as the frontend knows it: the roadmap tree and lessons fetched on demand. */
export interface ICourseModel {
  /** Connection settings used for every request. */
  readonly serverSettings: ServerConnection.ISettings;
  /** The current state of the roadmap. */
  readonly state: CourseState;
  /** Emitted whenever `state` changes. */
  readonly stateChanged: ISignal<ICourseModel, CourseState>;
  /** (Re)load the roadmap from the server; resolves when `state` is ready or error. */
  refresh(): Promise<void>;
  /** The roadmap once loaded (waits for the current load; rejects if it failed). */
  roadmap(): Promise<Roadmap>;
  /** Find a lesson of the loaded roadmap by id. */
  locate(lessonId: string): ILessonLocation | null;
  /** Fetch one lesson (cached for the session). */
  lesson(lessonId: string): Promise<LessonDetail>;
  /** The learner's progress, once loaded (null before, or when the server has none). */
  readonly progress: Progress | null;
  /** Emitted when `progress` changes. */
  readonly progressChanged: ISignal<ICourseModel, Progress | null>;
  /** Reload the learner's progress (after a Check, a hint, a reset). Never throws. */
  refreshProgress(): Promise<void>;
}

/** The course model token. */
export const ICourseModel = new Token<ICourseModel>(
  'airoadmap-lab:ICourseModel',
  'The AI Roadmap course: the roadmap tree and its lessons, loaded from the server.'
);

/** Actions a lesson view offers beyond reading (filled in by other plugins). */
export interface ILessonActions {
  /** Insert an exercise of the lesson into a notebook. */
  insertExercise?: (exerciseId: string, lesson: LessonDetail) => void;
  /** Insert a demo of the lesson (an ungraded code cell) into a notebook. */
  insertDemo?: (demoId: string, lesson: LessonDetail) => void;
  /** Open the whole lesson as a notebook. */
  openAsNotebook?: (lesson: LessonDetail) => void;
}

/** Opens lessons in the main area. */
export interface ILessonOpener {
  /** Open (or focus) the lesson view of `lessonId`. */
  open(lessonId: string): Promise<void>;
  /** Actions shown in lesson views opened from now on; plugins may add to it. */
  readonly actions: ILessonActions;
}

/** The lesson opener token. */
export const ILessonOpener = new Token<ILessonOpener>(
  'airoadmap-lab:ILessonOpener',
  'Opens a lesson of the AI Roadmap in a main-area tab, or focuses it when already open.'
);
