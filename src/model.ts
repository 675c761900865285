import { ServerConnection } from '@jupyterlab/services';
import { PromiseDelegate } from '@lumino/coreutils';
import { ISignal, Signal } from '@lumino/signaling';

import { getLesson, getProgress, getRoadmap } from './api';
import type { LessonDetail, Progress, Roadmap } from './schema';
import { CourseState, ICourseModel, ILessonLocation } from './tokens';

/** The course model: one roadmap download shared by the sidebar, lesson views and pickers. */
export class CourseModel implements ICourseModel {
  constructor(readonly serverSettings: ServerConnection.ISettings) {}

  get state(): CourseState {
    return this._state;
  }

  get stateChanged(): ISignal<ICourseModel, CourseState> {
    return this._stateChanged;
  }

  async refresh(): Promise<void> {
    const generation = ++this._generation;
    this._setState({ kind: 'loading' });
    try {
      const roadmap = await getRoadmap(this.serverSettings);
      if (generation === this._generation) {
        this._index = indexLessons(roadmap);
        this._lessons.clear();
        this._setState({ kind: 'ready', roadmap });
      }
    } catch (error) {
      if (generation === this._generation) {
        this._setState({ kind: 'error', message: describeError(error) });
      }
    }
  }

  roadmap(): Promise<Roadmap> {
    if (this._state.kind === 'ready') {
      return Promise.resolve(this._state.roadmap);
    }
    if (this._state.kind === 'error') {
      return Promise.reject(new Error(this._state.message));
    }
    if (!this._pending) {
      this._pending = new PromiseDelegate<Roadmap>();
    }
    return this._pending.promise;
  }

  locate(lessonId: string): ILessonLocation | null {
    return this._index.get(lessonId) ?? null;
  }

  lesson(lessonId: string): Promise<LessonDetail> {
    let lesson = this._lessons.get(lessonId);
    if (!lesson) {
      lesson = getLesson(lessonId, this.serverSettings);
      this._lessons.set(lessonId, lesson);
      // A failed request is not cached, so that opening the lesson again retries it.
      lesson.catch(() => this._lessons.delete(lessonId));
    }
    return lesson;
  }

  get progress(): Progress | null {
    return this._progress;
  }

  get progressChanged(): ISignal<ICourseModel, Progress | null> {
    return this._progressChanged;
  }

  async refreshProgress(): Promise<void> {
    const generation = ++this._progressGeneration;
    try {
      const progress = await getProgress(this.serverSettings);
      if (generation === this._progressGeneration) {
        this._progress = progress;
        this._progressChanged.emit(progress);
      }
    } catch (error) {
      // Progress is an extra: the course stays usable without it (the reason is in the console).
      console.warn(
        'airoadmap-lab: progress could not be loaded:',
        describeError(error)
      );
    }
  }

  private _setState(state: CourseState): void {
    this._state = state;
    if (this._pending && state.kind !== 'loading') {
      if (state.kind === 'ready') {
        this._pending.resolve(state.roadmap);
      } else {
        this._pending.reject(new Error(state.message));
      }
      this._pending = null;
    }
    this._stateChanged.emit(state);
  }

  private _state: CourseState = { kind: 'loading' };
  private _stateChanged = new Signal<ICourseModel, CourseState>(this);
  private _generation = 0;
  private _pending: PromiseDelegate<Roadmap> | null = null;
  private _index = new Map<string, ILessonLocation>();
  private _lessons = new Map<string, Promise<LessonDetail>>();
  private _progress: Progress | null = null;
  private _progressChanged = new Signal<ICourseModel, Progress | null>(this);
  private _progressGeneration = 0;
}

/** Map every lesson id of the roadmap to its place in the tree. */
export function indexLessons(roadmap: Roadmap): Map<string, ILessonLocation> {
  const index = new Map<string, ILessonLocation>();
  for (const section of roadmap.sections) {
    for (const topic of section.topics) {
      for (const lesson of topic.lessons) {
        index.set(lesson.id, { lesson, topic, section });
      }
    }
  }
  return index;
}

/** A sentence describing why a request failed. */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    return error.message;
  }
  return String(error);
}
