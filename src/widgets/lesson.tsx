import { IRenderMimeRegistry, MimeModel } from '@jupyterlab/rendermime';
import { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget } from '@jupyterlab/ui-components';
import { Panel, Widget } from '@lumino/widgets';
import React from 'react';

import { describeError } from '../model';
import type { Demo, ExerciseSummary, LessonDetail, Reading } from '../schema';
import { ICourseModel, ILessonActions } from '../tokens';

/** Options of a lesson view. */
export interface ILessonViewOptions {
  lessonId: string;
  model: ICourseModel;
  rendermime: IRenderMimeRegistry;
  trans: TranslationBundle;
  /** Open another lesson (prerequisite links). */
  openLesson: (lessonId: string) => void;
  actions?: ILessonActions;
}

/**
 * One lesson in the main area: its header (topic, time, objectives, prerequisites), the body
 * rendered by JupyterLab's rendermime (Markdown, math, highlighted code), the readings and the
 * exercises.
 */
export class LessonView extends Panel {
  constructor(options: ILessonViewOptions) {
    super();
    this._options = options;
    this.lessonId = options.lessonId;
    this.addClass('jp-AiroadmapLab-lessonView');
    this.node.tabIndex = -1;
    this._showStatus(options.trans.__('Loading the lesson…'));
    this.ready = this.load();
  }

  /** The id of the lesson shown. */
  readonly lessonId: string;

  /** Resolves when the first load attempt has finished (successfully or not). */
  readonly ready: Promise<void>;

  /** The lesson, once loaded. */
  get lesson(): LessonDetail | null {
    return this._lesson;
  }

  /** Fetch and render the lesson; on failure show the reason and a Retry button. */
  async load(): Promise<void> {
    const { model, rendermime, trans } = this._options;
    let lesson: LessonDetail;
    try {
      lesson = await model.lesson(this.lessonId);
    } catch (error) {
      this._showError(describeError(error));
      return;
    }
    this._lesson = lesson;
    this.title.label = lesson.title;
    this.title.caption = trans.__('%1 (%2)', lesson.title, lesson.topic_title);
    this._clear();

    this.addWidget(
      ReactWidget.create(<LessonHeader lesson={lesson} {...this._options} />)
    );

    const body = rendermime.createRenderer('text/markdown');
    body.addClass('jp-AiroadmapLab-lessonBody');
    this.addWidget(body);
    try {
      await body.renderModel(
        new MimeModel({ data: { 'text/markdown': lesson.body } })
      );
    } catch (error) {
      body.node.textContent = trans.__(
        'The lesson text could not be rendered: %1',
        describeError(error)
      );
    }

    this.addWidget(
      ReactWidget.create(<LessonFooter lesson={lesson} {...this._options} />)
    );
  }

  private _clear(): void {
    for (const widget of [...this.widgets]) {
      widget.dispose();
    }
  }

  private _showStatus(text: string): void {
    this._clear();
    const status = new Widget();
    status.addClass('jp-AiroadmapLab-status');
    status.node.setAttribute('role', 'status');
    status.node.textContent = text;
    this.addWidget(status);
  }

  private _showError(message: string): void {
    const { trans } = this._options;
    this._clear();
    const retry = (): void => {
      this._showStatus(trans.__('Loading the lesson…'));
      void this.load();
    };
    this.addWidget(
      ReactWidget.create(
        <div className="jp-AiroadmapLab-error" role="alert">
          <p>
            {trans.__('The lesson “%1” could not be loaded.', this.lessonId)}
          </p>
          <p className="jp-AiroadmapLab-errorMessage">{message}</p>
          <button
            className="jp-Button jp-mod-styled jp-mod-accept jp-AiroadmapLab-retry"
            onClick={retry}
          >
            {trans.__('Retry')}
          </button>
        </div>
      )
    );
  }

  private _options: ILessonViewOptions;
  private _lesson: LessonDetail | null = null;
}

/**
 * The lesson text without a leading `# Title` line that repeats the lesson's title (the header
 * already shows it).
 */
export function withoutTitleHeading(body: string, title: string): string {
  const match = /^\s*#[ \t]+(.+?)[ \t#]*(\r?\n|$)/.exec(body);
  if (match && match[1].trim().toLowerCase() === title.trim().toLowerCase()) {
    return body.slice(match[0].length);
  }
  return body;
}

type SectionProps = ILessonViewOptions & { lesson: LessonDetail };

function LessonHeader(props: SectionProps): JSX.Element {
  const { lesson, trans, model } = props;
  const section = model.locate(lesson.id)?.section;
  return (
    <header className="jp-AiroadmapLab-lessonHeader">
      <p className="jp-AiroadmapLab-breadcrumbs">
        {section ? `${section.title} › ` : ''}
        {lesson.topic_title}
      </p>
      <h1 className="jp-AiroadmapLab-lessonTitle">{lesson.title}</h1>
      <p className="jp-AiroadmapLab-lessonMeta">
        <span>{trans.__('About %1 minutes', lesson.minutes)}</span>
        {lesson.exercises.length > 0 && (
          <span>
            {trans._n('%1 exercise', '%1 exercises', lesson.exercises.length)}
          </span>
        )}
      </p>
      {lesson.objectives.length > 0 && (
        <div className="jp-AiroadmapLab-objectives">
          <h2>{trans.__('After this lesson you can')}</h2>
          <ul>
            {lesson.objectives.map((objective, index) => (
              <li key={index}>{objective}</li>
            ))}
          </ul>
        </div>
      )}
      {lesson.prerequisites.length > 0 && (
        <p className="jp-AiroadmapLab-prerequisites">
          <span>{trans.__('Before this lesson:')}</span>{' '}
          {lesson.prerequisites.map(prerequisite => (
            <button
              key={prerequisite.id}
              className="jp-AiroadmapLab-link"
              data-lesson-id={prerequisite.id}
              onClick={() => props.openLesson(prerequisite.id)}
            >
              {prerequisite.title}
            </button>
          ))}
        </p>
      )}
      {props.actions?.openAsNotebook && (
        <button
          className="jp-Button jp-mod-styled jp-AiroadmapLab-openNotebook"
          onClick={() => props.actions?.openAsNotebook?.(lesson)}
        >
          {trans.__('Open lesson as notebook')}
        </button>
      )}
    </header>
  );
}

function LessonFooter(props: SectionProps): JSX.Element {
  const { lesson, trans } = props;
  return (
    <footer className="jp-AiroadmapLab-lessonFooter">
      {lesson.readings.length > 0 && (
        <section className="jp-AiroadmapLab-readings">
          <h2>{trans.__('Read further')}</h2>
          <ul>
            {lesson.readings.map((reading, index) => (
              <ReadingItem key={index} reading={reading} />
            ))}
          </ul>
        </section>
      )}
      {lesson.demos.length > 0 && (
        <section className="jp-AiroadmapLab-demos">
          <h2>{trans.__('Demos')}</h2>
          <p className="jp-AiroadmapLab-sectionNote">
            {trans.__(
              'Ungraded code to run and play with; the lesson refers to them.'
            )}
          </p>
          <ul>
            {lesson.demos.map(demo => (
              <DemoItem key={demo.id} demo={demo} {...props} />
            ))}
          </ul>
        </section>
      )}
      {lesson.exercises.length > 0 && (
        <section className="jp-AiroadmapLab-exercises">
          <h2>{trans.__('Exercises')}</h2>
          <ol>
            {lesson.exercises.map(exercise => (
              <ExerciseItem key={exercise.id} exercise={exercise} {...props} />
            ))}
          </ol>
        </section>
      )}
    </footer>
  );
}

function ReadingItem({ reading }: { reading: Reading }): JSX.Element {
  return (
    <li className="jp-AiroadmapLab-reading">
      {reading.url ? (
        <a href={reading.url} target="_blank" rel="noopener noreferrer">
          {reading.title}
        </a>
      ) : (
        <span className="jp-AiroadmapLab-readingTitle">{reading.title}</span>
      )}
      {reading.pointer && (
        <span className="jp-AiroadmapLab-pointer">{reading.pointer}</span>
      )}
    </li>
  );
}

function ExerciseItem(
  props: SectionProps & { exercise: ExerciseSummary }
): JSX.Element {
  const { exercise, lesson, trans, actions } = props;
  return (
    <li className="jp-AiroadmapLab-exercise" data-exercise-id={exercise.id}>
      <span className="jp-AiroadmapLab-exerciseTitle">{exercise.title}</span>
      {actions?.insertExercise && (
        <button
          className="jp-Button jp-mod-styled jp-AiroadmapLab-insertExercise"
          onClick={() => actions.insertExercise?.(exercise.id, lesson)}
        >
          {trans.__('Insert exercise')}
        </button>
      )}
    </li>
  );
}

function DemoItem(props: SectionProps & { demo: Demo }): JSX.Element {
  const { demo, lesson, trans, actions } = props;
  return (
    <li className="jp-AiroadmapLab-demo" data-demo-id={demo.id}>
      <div className="jp-AiroadmapLab-demoHeader">
        <span className="jp-AiroadmapLab-demoTitle">{demo.title}</span>
        {actions?.insertDemo && (
          <button
            className="jp-Button jp-mod-styled jp-AiroadmapLab-insertDemo"
            onClick={() => actions.insertDemo?.(demo.id, lesson)}
          >
            {trans.__('Insert demo')}
          </button>
        )}
      </div>
      <details className="jp-AiroadmapLab-demoCode">
        <summary>
          {trans._n(
            'Show the code (%1 line)',
            'Show the code (%1 lines)',
            demo.code.replace(/\s+$/, '').split('\n').length
          )}
        </summary>
        <pre>{demo.code}</pre>
      </details>
    </li>
  );
}
