/**
 * The instructor's gradebook in the main area: a sortable table of students x exercises, the
 * class's score distribution on one exercise, a student's attempt history and a CSV export.
 */
import { ServerConnection } from '@jupyterlab/services';
import { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget } from '@jupyterlab/ui-components';
import React, { useCallback, useEffect, useMemo, useState } from 'react';

import { getGradebook, getGradebookCsv, getStudentAttempts } from '../api';
import {
  entryFraction,
  formatPoints,
  formatTime,
  ISort,
  nextSort,
  scoreDistribution,
  SortKey,
  sortStudents
} from '../gradebookData';
import { describeError } from '../model';
import { APIError } from '../request';
import type {
  AttemptSummary,
  Gradebook,
  GradebookEntry,
  GradebookExercise,
  GradebookStudent
} from '../schema';
import { ScoreHistogram } from './histogram';

/** Options of the gradebook panel. */
export interface IGradebookOptions {
  serverSettings: ServerConnection.ISettings;
  trans: TranslationBundle;
}

/** The gradebook panel (content of a MainAreaWidget). */
export class GradebookView extends ReactWidget {
  constructor(options: IGradebookOptions) {
    super();
    this._options = options;
    this.addClass('jp-AiroadmapLab-gradebook');
    this.node.tabIndex = -1;
  }

  /** Reload the gradebook from the server. */
  refresh(): void {
    this._generation++;
    this.update();
  }

  protected render(): JSX.Element {
    return <GradebookApp key={this._generation} {...this._options} />;
  }

  private _options: IGradebookOptions;
  private _generation = 0;
}

type LoadState =
  | { kind: 'loading' }
  | { kind: 'ready'; gradebook: Gradebook }
  | { kind: 'denied'; message: string }
  | { kind: 'error'; message: string };

function GradebookApp(props: IGradebookOptions): JSX.Element {
  const { serverSettings, trans } = props;
  const [state, setState] = useState<LoadState>({ kind: 'loading' });
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    let live = true;
    setState({ kind: 'loading' });
    getGradebook(serverSettings)
      .then(gradebook => live && setState({ kind: 'ready', gradebook }))
      .catch(error => {
        if (!live) {
          return;
        }
        const message = describeError(error);
        setState(
          error instanceof APIError &&
            (error.status === 403 || error.status === 401)
            ? { kind: 'denied', message }
            : { kind: 'error', message }
        );
      });
    return () => {
      live = false;
    };
  }, [reloads]);

  const reload = (): void => setReloads(n => n + 1);

  if (state.kind === 'loading') {
    return (
      <div className="jp-AiroadmapLab-status" role="status">
        {trans.__('Loading the gradebook…')}
      </div>
    );
  }
  if (state.kind === 'denied' || state.kind === 'error') {
    return (
      <div
        className={`jp-AiroadmapLab-error jp-AiroadmapLab-gradebookProblem jp-mod-${state.kind}`}
        role="alert"
      >
        <p>
          {state.kind === 'denied'
            ? trans.__('The gradebook is not available to you.')
            : trans.__('The gradebook could not be loaded.')}
        </p>
        <p className="jp-AiroadmapLab-errorMessage">{state.message}</p>
        <button
          className="jp-Button jp-mod-styled jp-mod-accept jp-AiroadmapLab-retry"
          onClick={reload}
        >
          {trans.__('Retry')}
        </button>
      </div>
    );
  }
  return (
    <GradebookContent gradebook={state.gradebook} reload={reload} {...props} />
  );
}

function GradebookContent(
  props: IGradebookOptions & { gradebook: Gradebook; reload: () => void }
): JSX.Element {
  const { gradebook, trans, serverSettings } = props;
  const [sort, setSort] = useState<ISort>({ key: 'name', ascending: true });
  // The chart starts on the first exercise someone has checked.
  const [chartExercise, setChartExercise] = useState<string>(
    (checkedExercises(gradebook)[0] ?? gradebook.exercises[0])?.id ?? ''
  );
  const [student, setStudent] = useState<string | null>(null);
  const [exportProblem, setExportProblem] = useState<string | null>(null);
  const [onlyChecked, setOnlyChecked] = useState(true);
  const students = useMemo(
    () => sortStudents(gradebook.students, sort),
    [gradebook, sort]
  );
  const columns = useMemo(
    () => (onlyChecked ? checkedExercises(gradebook) : gradebook.exercises),
    [gradebook, onlyChecked]
  );

  const exportCsv = useCallback(async () => {
    setExportProblem(null);
    try {
      const text = await getGradebookCsv(serverSettings);
      download(text, 'airoadmap-gradebook.csv', 'text/csv');
    } catch (error) {
      setExportProblem(describeError(error));
    }
  }, [serverSettings]);

  return (
    <div className="jp-AiroadmapLab-gradebookContent">
      <header className="jp-AiroadmapLab-gradebookHeader">
        <h1>{trans.__('Gradebook')}</h1>
        <p className="jp-AiroadmapLab-gradebookSummary">
          {trans._n('%1 student', '%1 students', gradebook.students.length)}
          {' · '}
          {trans._n('%1 exercise', '%1 exercises', gradebook.exercises.length)}
        </p>
        <div className="jp-AiroadmapLab-gradebookActions">
          <button
            className="jp-Button jp-mod-styled jp-AiroadmapLab-gradebookRefresh"
            onClick={props.reload}
          >
            {trans.__('Refresh')}
          </button>
          <button
            className="jp-Button jp-mod-styled jp-mod-accept jp-AiroadmapLab-exportCsv"
            onClick={() => void exportCsv()}
          >
            {trans.__('Export CSV')}
          </button>
        </div>
        {exportProblem && (
          <p className="jp-AiroadmapLab-errorMessage" role="alert">
            {trans.__('The CSV file could not be exported: %1', exportProblem)}
          </p>
        )}
      </header>

      {gradebook.students.length === 0 ? (
        <p className="jp-AiroadmapLab-status">
          {trans.__('No student has checked an exercise yet.')}
        </p>
      ) : (
        <>
          <label className="jp-AiroadmapLab-onlyChecked">
            <input
              type="checkbox"
              checked={onlyChecked}
              onChange={event => setOnlyChecked(event.target.checked)}
            />{' '}
            {trans.__(
              'Only exercises someone has checked (%1 of %2)',
              checkedExercises(gradebook).length,
              gradebook.exercises.length
            )}
          </label>
          <GradebookTable
            exercises={columns}
            students={students}
            sort={sort}
            onSort={key => setSort(current => nextSort(current, key))}
            selected={student}
            onSelect={setStudent}
            trans={trans}
          />
        </>
      )}

      <div className="jp-AiroadmapLab-gradebookPanels">
        <section className="jp-AiroadmapLab-gradebookChart">
          <h2>{trans.__('Score distribution')}</h2>
          {gradebook.exercises.length > 0 && (
            <>
              <label className="jp-AiroadmapLab-chartPicker">
                {trans.__('Exercise')}{' '}
                <select
                  className="jp-mod-styled"
                  value={chartExercise}
                  onChange={event => setChartExercise(event.target.value)}
                >
                  {gradebook.exercises.map(exercise => (
                    <option key={exercise.id} value={exercise.id}>
                      {exercise.title}
                    </option>
                  ))}
                </select>
              </label>
              <ScoreHistogram
                distribution={scoreDistribution(gradebook, chartExercise)}
                trans={trans}
              />
            </>
          )}
        </section>
        {student && (
          <AttemptHistory
            key={student}
            name={student}
            exercises={gradebook.exercises}
            onClose={() => setStudent(null)}
            {...props}
          />
        )}
      </div>
    </div>
  );
}

interface ITableProps {
  exercises: GradebookExercise[];
  students: GradebookStudent[];
  sort: ISort;
  onSort: (key: SortKey) => void;
  selected: string | null;
  onSelect: (name: string) => void;
  trans: TranslationBundle;
}

function GradebookTable(props: ITableProps): JSX.Element {
  const { exercises, students, sort, onSort, trans } = props;
  const header = (key: SortKey, label: string, title?: string): JSX.Element => {
    const active = sort.key === key;
    return (
      <th
        scope="col"
        data-sort-key={key}
        aria-sort={
          active ? (sort.ascending ? 'ascending' : 'descending') : 'none'
        }
      >
        <button
          className="jp-AiroadmapLab-sortButton"
          title={title ?? label}
          onClick={() => onSort(key)}
        >
          {label}
          <span className="jp-AiroadmapLab-sortMark" aria-hidden="true">
            {active ? (sort.ascending ? '▲' : '▼') : ''}
          </span>
        </button>
      </th>
    );
  };
  return (
    <div className="jp-AiroadmapLab-gradebookTableWrap">
      <table className="jp-AiroadmapLab-gradebookTable">
        <caption className="jp-AiroadmapLab-visuallyHidden">
          {trans.__(
            'Best score of each student on each exercise; click a column header to sort.'
          )}
        </caption>
        <thead>
          <tr>
            {header('name', trans.__('Student'))}
            {header('total', trans.__('Total'))}
            {header('passed', trans.__('Passed'))}
            {header('last', trans.__('Last attempt'))}
            {exercises.map(exercise => (
              <React.Fragment key={exercise.id}>
                {header(
                  `exercise:${exercise.id}`,
                  exercise.title,
                  trans.__('%1 (%2)', exercise.title, exercise.topic)
                )}
              </React.Fragment>
            ))}
          </tr>
        </thead>
        <tbody>
          {students.map(student => (
            <tr
              key={student.name}
              data-student={student.name}
              className={
                props.selected === student.name ? 'jp-mod-selected' : ''
              }
            >
              <th scope="row">
                <button
                  className="jp-AiroadmapLab-link jp-AiroadmapLab-studentName"
                  title={trans.__('Show the attempts of %1', student.name)}
                  onClick={() => props.onSelect(student.name)}
                >
                  {student.name}
                </button>
              </th>
              <td className="jp-AiroadmapLab-number">
                {formatPoints(student.total_score)}
              </td>
              <td className="jp-AiroadmapLab-number">{student.passed_count}</td>
              <td>{formatTime(student.last_attempt)}</td>
              {exercises.map(exercise => (
                <ScoreCell
                  key={exercise.id}
                  exerciseId={exercise.id}
                  entry={student.exercises[exercise.id]}
                  trans={trans}
                />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ScoreCell(props: {
  exerciseId: string;
  entry: GradebookEntry | undefined;
  trans: TranslationBundle;
}): JSX.Element {
  const { entry, trans } = props;
  if (!entry || entryFraction(entry) === null) {
    return (
      <td
        className="jp-AiroadmapLab-scoreCell jp-mod-none"
        data-exercise-id={props.exerciseId}
        title={trans.__('Not attempted')}
      >
        <span aria-label={trans.__('Not attempted')}>–</span>
      </td>
    );
  }
  const details = [
    trans._n('%1 attempt', '%1 attempts', entry.attempts),
    trans._n('%1 hint', '%1 hints', entry.hints_revealed),
    entry.solution_revealed ? trans.__('solution seen') : '',
    entry.last_attempt
      ? trans.__('last %1', formatTime(entry.last_attempt))
      : ''
  ].filter(Boolean);
  return (
    <td
      className={`jp-AiroadmapLab-scoreCell ${
        entry.passed ? 'jp-mod-passed' : 'jp-mod-failed'
      }`}
      data-exercise-id={props.exerciseId}
      data-passed={entry.passed ? 'true' : 'false'}
      title={details.join(' · ')}
    >
      {formatPoints(entry.best_score)}/{formatPoints(entry.max_score)}
    </td>
  );
}

function AttemptHistory(
  props: IGradebookOptions & {
    name: string;
    exercises: GradebookExercise[];
    onClose: () => void;
  }
): JSX.Element {
  const { name, serverSettings, trans } = props;
  const [attempts, setAttempts] = useState<AttemptSummary[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const titles = useMemo(
    () => new Map(props.exercises.map(e => [e.id, e.title])),
    [props.exercises]
  );

  useEffect(() => {
    let live = true;
    getStudentAttempts(name, serverSettings)
      .then(answer => live && setAttempts(answer.attempts))
      .catch(error => live && setProblem(describeError(error)));
    return () => {
      live = false;
    };
  }, [name]);

  return (
    <section className="jp-AiroadmapLab-attemptHistory" data-student={name}>
      <h2>
        {trans.__('Attempts of %1', name)}{' '}
        <button
          className="jp-Button jp-mod-styled jp-mod-minimal jp-AiroadmapLab-closeHistory"
          onClick={props.onClose}
        >
          {trans.__('Close')}
        </button>
      </h2>
      {problem && (
        <p className="jp-AiroadmapLab-errorMessage" role="alert">
          {problem}
        </p>
      )}
      {!problem && attempts === null && (
        <p className="jp-AiroadmapLab-status" role="status">
          {trans.__('Loading the attempts…')}
        </p>
      )}
      {attempts && attempts.length === 0 && (
        <p className="jp-AiroadmapLab-status">{trans.__('No attempts.')}</p>
      )}
      {attempts && attempts.length > 0 && (
        <ol className="jp-AiroadmapLab-attempts">
          {attempts.map(attempt => (
            <li
              key={attempt.id}
              className={`jp-AiroadmapLab-attempt jp-mod-${attempt.status}`}
              data-attempt-id={attempt.id}
            >
              <details>
                <summary>
                  <span className="jp-AiroadmapLab-attemptTime">
                    {formatTime(attempt.created_at)}
                  </span>
                  <span className="jp-AiroadmapLab-attemptExercise">
                    {titles.get(attempt.exercise_id) ?? attempt.exercise_id}
                  </span>
                  <span
                    className="jp-AiroadmapLab-attemptStatus"
                    data-status={attempt.status}
                  >
                    {attemptStatusLabel(attempt.status, trans)}
                  </span>
                  <span className="jp-AiroadmapLab-attemptScore">
                    {formatPoints(attempt.score)}/
                    {formatPoints(attempt.max_score)}
                  </span>
                  <span className="jp-AiroadmapLab-attemptDuration">
                    {trans.__('%1 s', (attempt.duration_ms / 1000).toFixed(2))}
                  </span>
                </summary>
                <pre className="jp-AiroadmapLab-attemptCode">
                  {attempt.code}
                </pre>
              </details>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** The exercises at least one student has checked, in course order. */
function checkedExercises(gradebook: Gradebook): GradebookExercise[] {
  return gradebook.exercises.filter(exercise =>
    gradebook.students.some(
      student => (student.exercises[exercise.id]?.attempts ?? 0) > 0
    )
  );
}

/** A short translated word for an attempt's status. */
function attemptStatusLabel(status: string, trans: TranslationBundle): string {
  switch (status) {
    case 'passed':
      return trans.__('passed');
    case 'failed':
      return trans.__('failed');
    case 'error':
      return trans.__('error');
    case 'timeout':
      return trans.__('time limit');
    case 'memory':
      return trans.__('memory limit');
    case 'not_attempted':
      return trans.__('starter unchanged');
    default:
      return status;
  }
}

/** Offer `text` to the browser as a file download. */
function download(text: string, filename: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
