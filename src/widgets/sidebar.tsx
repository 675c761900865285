import { TranslationBundle } from '@jupyterlab/translation';
import {
  caretDownIcon,
  caretRightIcon,
  ReactWidget,
  UseSignal
} from '@jupyterlab/ui-components';
import React, { useMemo, useState } from 'react';

import { filterRoadmap, IVisibleTopic } from '../filter';
import { roadmapIcon } from '../icons';
import type { CourseProblem, Progress, Resource, Roadmap } from '../schema';
import { CourseState, ICourseModel } from '../tokens';

/** Options of the roadmap sidebar. */
export interface IRoadmapSidebarOptions {
  model: ICourseModel;
  trans: TranslationBundle;
  /** Open a lesson in the main area. */
  openLesson: (lessonId: string) => void;
}

/** Display preferences read from the sidebar's settings. */
export interface ISidebarPreferences {
  showReadingList: boolean;
  showCounts: boolean;
}

/** The "AI Roadmap" panel of the left sidebar. */
export class RoadmapSidebar extends ReactWidget {
  constructor(options: IRoadmapSidebarOptions) {
    super();
    this._options = options;
    this.id = 'airoadmap-lab-sidebar';
    this.addClass('jp-AiroadmapLab-sidebar');
    this.title.icon = roadmapIcon;
    this.title.caption = options.trans.__('AI Roadmap');
  }

  /** Change the display preferences and re-render. */
  set preferences(value: ISidebarPreferences) {
    this._preferences = value;
    this.update();
  }

  /** Focus the filter box. */
  focusFilter(): void {
    this.node
      .querySelector<HTMLInputElement>('.jp-AiroadmapLab-filter')
      ?.focus();
  }

  protected render(): JSX.Element {
    const { model, trans, openLesson } = this._options;
    const preferences = this._preferences;
    return (
      <UseSignal signal={model.stateChanged} initialArgs={model.state}>
        {(_, state) => (
          <UseSignal
            signal={model.progressChanged}
            initialArgs={model.progress}
          >
            {(__, progress) => (
              <SidebarContent
                state={state ?? model.state}
                progress={progress ?? null}
                trans={trans}
                preferences={preferences}
                openLesson={openLesson}
                retry={() => void model.refresh()}
              />
            )}
          </UseSignal>
        )}
      </UseSignal>
    );
  }

  private _options: IRoadmapSidebarOptions;
  private _preferences: ISidebarPreferences = {
    showReadingList: true,
    showCounts: true
  };
}

interface ISidebarContentProps {
  state: CourseState;
  progress: Progress | null;
  trans: TranslationBundle;
  preferences: ISidebarPreferences;
  openLesson: (lessonId: string) => void;
  retry: () => void;
}

function SidebarContent(props: ISidebarContentProps): JSX.Element {
  const { state, trans } = props;
  return (
    <div className="jp-AiroadmapLab-sidebarContent">
      <header className="jp-AiroadmapLab-sidebarHeader">
        <h2 className="jp-AiroadmapLab-sidebarTitle">
          {trans.__('AI Roadmap')}
        </h2>
        {state.kind === 'ready' && (
          <p className="jp-AiroadmapLab-sidebarSummary">
            {trans._n('%1 lesson', '%1 lessons', state.roadmap.lesson_count)}
            {' · '}
            {trans._n(
              '%1 exercise',
              '%1 exercises',
              state.roadmap.exercise_count
            )}
          </p>
        )}
        {state.kind === 'ready' && props.progress && (
          <ProgressSummary
            progress={props.progress}
            roadmap={state.roadmap}
            trans={trans}
            openLesson={props.openLesson}
          />
        )}
      </header>
      {state.kind === 'loading' && (
        <p className="jp-AiroadmapLab-status" role="status">
          {trans.__('Loading the roadmap…')}
        </p>
      )}
      {state.kind === 'error' && (
        <div className="jp-AiroadmapLab-error" role="alert">
          <p>{trans.__('The roadmap could not be loaded.')}</p>
          <p className="jp-AiroadmapLab-errorMessage">{state.message}</p>
          <button
            className="jp-Button jp-mod-styled jp-mod-accept jp-AiroadmapLab-retry"
            onClick={props.retry}
          >
            {trans.__('Retry')}
          </button>
        </div>
      )}
      {state.kind === 'ready' && (
        <RoadmapTree
          roadmap={state.roadmap}
          progress={props.progress}
          trans={trans}
          preferences={props.preferences}
          openLesson={props.openLesson}
        />
      )}
    </div>
  );
}

interface IRoadmapTreeProps {
  roadmap: Roadmap;
  progress: Progress | null;
  trans: TranslationBundle;
  preferences: ISidebarPreferences;
  openLesson: (lessonId: string) => void;
}

function RoadmapTree(props: IRoadmapTreeProps): JSX.Element {
  const { roadmap, trans, preferences } = props;
  const [query, setQuery] = useState('');
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const visible = useMemo(
    () => filterRoadmap(roadmap, query),
    [roadmap, query]
  );
  const toggle = (topicId: string): void => {
    const next = new Set(expanded);
    if (next.has(topicId)) {
      next.delete(topicId);
    } else {
      next.add(topicId);
    }
    setExpanded(next);
  };
  const nothing =
    visible.filtering &&
    visible.sections.length === 0 &&
    visible.books.length === 0 &&
    visible.websites.length === 0;

  return (
    <>
      <div className="jp-AiroadmapLab-filterBox">
        <input
          type="search"
          title={trans.__('Matches section, topic, lesson and exercise titles')}
          className="jp-AiroadmapLab-filter jp-mod-styled"
          placeholder={trans.__('Filter the roadmap')}
          aria-label={trans.__('Filter the roadmap')}
          value={query}
          onChange={event => setQuery(event.target.value)}
          onKeyDown={event => {
            if (event.key === 'Escape') {
              setQuery('');
            }
          }}
        />
      </div>
      {roadmap.problems.length > 0 && (
        <Problems problems={roadmap.problems} trans={trans} />
      )}
      {nothing && (
        <p className="jp-AiroadmapLab-status" role="status">
          {trans.__('Nothing matches “%1”.', query)}
        </p>
      )}
      <nav
        className="jp-AiroadmapLab-tree"
        aria-label={trans.__('Roadmap sections')}
      >
        {visible.sections.map(({ section, topics }) => (
          <section
            key={section.id}
            className="jp-AiroadmapLab-section"
            data-section-id={section.id}
          >
            <h3
              className="jp-AiroadmapLab-sectionTitle"
              title={section.summary}
            >
              <span className="jp-AiroadmapLab-sectionNumber">
                {roadmap.sections.indexOf(section) + 1}
              </span>
              {section.title}
            </h3>
            <ul className="jp-AiroadmapLab-topics">
              {topics.map(item => (
                <TopicItem
                  key={item.topic.id}
                  item={item}
                  open={item.expanded || expanded.has(item.topic.id)}
                  toggle={() => toggle(item.topic.id)}
                  trans={trans}
                  showCounts={preferences.showCounts}
                  progress={props.progress}
                  openLesson={props.openLesson}
                />
              ))}
            </ul>
          </section>
        ))}
        {preferences.showReadingList &&
          (visible.books.length > 0 || visible.websites.length > 0) && (
            <section className="jp-AiroadmapLab-section jp-AiroadmapLab-readingList">
              <h3 className="jp-AiroadmapLab-sectionTitle">
                {trans.__('Reading list')}
              </h3>
              <ResourceList
                heading={trans.__('Books')}
                resources={visible.books}
                roadmap={roadmap}
              />
              <ResourceList
                heading={trans.__('Websites')}
                resources={visible.websites}
                roadmap={roadmap}
              />
            </section>
          )}
      </nav>
    </>
  );
}

interface ITopicItemProps {
  item: IVisibleTopic;
  open: boolean;
  toggle: () => void;
  trans: TranslationBundle;
  showCounts: boolean;
  progress: Progress | null;
  openLesson: (lessonId: string) => void;
}

function TopicItem(props: ITopicItemProps): JSX.Element {
  const { item, open, trans } = props;
  const { topic } = item;
  const Caret = open ? caretDownIcon : caretRightIcon;
  const listId = `jp-AiroadmapLab-topic-${topic.id}`;
  return (
    <li className="jp-AiroadmapLab-topicItem" data-topic-id={topic.id}>
      <button
        className="jp-AiroadmapLab-topic"
        aria-expanded={open}
        aria-controls={listId}
        title={topic.summary}
        onClick={props.toggle}
      >
        <Caret.react tag="span" className="jp-AiroadmapLab-caret" />
        <span className="jp-AiroadmapLab-topicTitle">{topic.title}</span>
        {props.showCounts && (
          <span className="jp-AiroadmapLab-counts">
            {topic.lesson_count === 0
              ? trans.__('No lessons yet')
              : `${trans._n('%1 lesson', '%1 lessons', topic.lesson_count)} · ${trans._n(
                  '%1 exercise',
                  '%1 exercises',
                  topic.exercise_count
                )}`}
          </span>
        )}
      </button>
      {open && (
        <ul className="jp-AiroadmapLab-lessons" id={listId}>
          {item.lessons.length === 0 && (
            <li className="jp-AiroadmapLab-empty">
              {trans.__('No lessons yet.')}
            </li>
          )}
          {item.lessons.map(({ lesson, matchedExercises }) => (
            <li key={lesson.id} className="jp-AiroadmapLab-lessonItem">
              <button
                className="jp-AiroadmapLab-lesson"
                data-lesson-id={lesson.id}
                onClick={() => props.openLesson(lesson.id)}
                title={trans.__('Open the lesson “%1”', lesson.title)}
              >
                <LessonStatus
                  status={props.progress?.lessons[lesson.id]}
                  trans={trans}
                />
                <span className="jp-AiroadmapLab-lessonTitle">
                  {lesson.title}
                </span>
                <span className="jp-AiroadmapLab-minutes">
                  {trans.__('%1 min', lesson.minutes)}
                </span>
              </button>
              {matchedExercises.length > 0 && (
                <ul className="jp-AiroadmapLab-matchedExercises">
                  {matchedExercises.map(exercise => (
                    <li key={exercise.id}>{exercise.title}</li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

function ResourceList(props: {
  heading: string;
  resources: Resource[];
  roadmap: Roadmap;
}): JSX.Element | null {
  if (props.resources.length === 0) {
    return null;
  }
  const topicTitles = new Map<string, string>();
  for (const section of props.roadmap.sections) {
    for (const topic of section.topics) {
      topicTitles.set(topic.id, topic.title);
    }
  }
  return (
    <>
      <h4 className="jp-AiroadmapLab-resourceHeading">{props.heading}</h4>
      <ul className="jp-AiroadmapLab-resources">
        {props.resources.map(resource => (
          <li
            key={resource.id}
            className="jp-AiroadmapLab-resource"
            data-resource-id={resource.id}
          >
            {resource.url ? (
              <a href={resource.url} target="_blank" rel="noopener noreferrer">
                {resource.title}
              </a>
            ) : (
              <span>{resource.title}</span>
            )}
            {resource.authors && (
              <span className="jp-AiroadmapLab-authors">
                {resource.authors}
              </span>
            )}
            {(resource.topics ?? []).length > 0 && (
              <span className="jp-AiroadmapLab-resourceTopics">
                {(resource.topics ?? [])
                  .map(id => topicTitles.get(id) ?? id)
                  .join(', ')}
              </span>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

function Problems(props: {
  problems: CourseProblem[];
  trans: TranslationBundle;
}): JSX.Element {
  const { problems, trans } = props;
  return (
    <details className="jp-AiroadmapLab-problems">
      <summary>
        {trans._n(
          '%1 course file could not be loaded',
          '%1 course files could not be loaded',
          problems.length
        )}
      </summary>
      <ul>
        {problems.map((problem, index) => (
          <li key={index}>
            <code>
              {problem.file}
              {problem.line ? `:${problem.line}` : ''}
              {problem.field ? ` (${problem.field})` : ''}
            </code>{' '}
            {problem.message}
          </li>
        ))}
      </ul>
    </details>
  );
}

function LessonStatus(props: {
  status?: string;
  trans: TranslationBundle;
}): JSX.Element {
  const { status, trans } = props;
  const mark = status === 'done' ? '✓' : status === 'in_progress' ? '◐' : '';
  const label =
    status === 'done'
      ? trans.__('done')
      : status === 'in_progress'
        ? trans.__('in progress')
        : trans.__('not started');
  return (
    <span
      className={`jp-AiroadmapLab-lessonStatus jp-mod-${status ?? 'not_started'}`}
      data-status={status ?? 'not_started'}
      aria-label={label}
      title={label}
    >
      {mark}
    </span>
  );
}

function ProgressSummary(props: {
  progress: Progress;
  roadmap: Roadmap;
  trans: TranslationBundle;
  openLesson: (lessonId: string) => void;
}): JSX.Element {
  const { progress, roadmap, trans } = props;
  const total = progress.total_exercises || roadmap.exercise_count;
  const done = progress.done_exercises;
  const share = total > 0 ? Math.round((100 * done) / total) : 0;
  let next: string | null = null;
  for (const section of roadmap.sections) {
    for (const topic of section.topics) {
      for (const lesson of topic.lessons) {
        if (lesson.id === progress.next_lesson) {
          next = lesson.title;
        }
      }
    }
  }
  return (
    <div className="jp-AiroadmapLab-progress">
      <div
        className="jp-AiroadmapLab-progressBar"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
        aria-label={trans.__('Exercises done')}
      >
        <div style={{ width: `${share}%` }} />
      </div>
      <p className="jp-AiroadmapLab-sidebarSummary jp-AiroadmapLab-progressText">
        {trans.__('%1 of %2 exercises done', done, total)}
      </p>
      {next && progress.next_lesson && (
        <button
          className="jp-Button jp-mod-styled jp-mod-accept jp-AiroadmapLab-continue"
          onClick={() => props.openLesson(progress.next_lesson!)}
          title={trans.__('Open the next lesson: %1', next)}
        >
          {trans.__('Continue: %1', next)}
        </button>
      )}
    </div>
  );
}
