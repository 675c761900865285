/**
 * The notebook loop: insert exercises, check them on the server, reveal hints.
 */
import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import {
  Dialog,
  ICommandPalette,
  Notification,
  showDialog
} from '@jupyterlab/apputils';
import { ICodeCellModel } from '@jupyterlab/cells';
import { PathExt } from '@jupyterlab/coreutils';
import { INotebookTracker, NotebookPanel } from '@jupyterlab/notebook';
import { IRenderMimeRegistry, MimeModel } from '@jupyterlab/rendermime';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import {
  ITranslator,
  nullTranslator,
  TranslationBundle
} from '@jupyterlab/translation';
import { checkIcon } from '@jupyterlab/ui-components';
import { ReadonlyPartialJSONObject } from '@lumino/coreutils';
import { Widget } from '@lumino/widgets';

import {
  getExercise,
  getHint,
  getSolution,
  gradeExercise,
  resetProgress
} from './api';
import { CommandIDs } from './commands';
import { GRADE_MIME_TYPE, gradeToText } from './grade';
import { lessonIcon } from './icons';
import { describeError } from './model';
import {
  clearGradeOutput,
  demoCells,
  exerciseCells,
  exerciseOfCell,
  IExerciseCellMetadata,
  METADATA_KEY,
  lessonNotebook,
  setGradeOutput
} from './notebook';
import type { ExerciseDetail, LessonDetail } from './schema';
import {
  DEFAULT_SOLUTION_POLICY,
  ISolutionPolicy,
  SolutionPolicyMode,
  solutionRefusal
} from './solutionPolicy';
import { ICourseModel, ILessonOpener } from './tokens';

/** The exercises plugin: Insert exercise, Open lesson as notebook, Check and Hint. */
export const exercisesPlugin: JupyterFrontEndPlugin<void> = {
  id: 'airoadmap-lab:exercises',
  description:
    'Inserts AI Roadmap exercises into notebooks and checks them on the server.',
  autoStart: true,
  requires: [
    ICourseModel,
    ILessonOpener,
    INotebookTracker,
    IRenderMimeRegistry
  ],
  optional: [ITranslator, ICommandPalette, ISettingRegistry],
  activate: (
    app: JupyterFrontEnd,
    model: ICourseModel,
    opener: ILessonOpener,
    notebooks: INotebookTracker,
    rendermime: IRenderMimeRegistry,
    translator: ITranslator | null,
    palette: ICommandPalette | null,
    settingRegistry: ISettingRegistry | null
  ): void => {
    const trans = (translator ?? nullTranslator).load('airoadmap_lab');
    const settings = model.serverSettings;
    const { commands } = app;

    let solutionPolicy: ISolutionPolicy = { ...DEFAULT_SOLUTION_POLICY };
    if (settingRegistry) {
      void settingRegistry
        .load(exercisesPlugin.id)
        .then(loaded => {
          const update = (): void => {
            solutionPolicy = {
              mode: loaded.get('solutionPolicy')
                .composite as SolutionPolicyMode,
              afterFailedChecks: loaded.get('solutionAfterFailedChecks')
                .composite as number
            };
          };
          update();
          loaded.changed.connect(update);
        })
        .catch(error =>
          console.warn(
            'airoadmap-lab: exercise settings could not be loaded:',
            describeError(error)
          )
        );
    }

    /** The active cell of the current notebook, when it is an exercise's code cell. */
    const activeExercise = (): {
      meta: IExerciseCellMetadata;
      cell: ICodeCellModel;
    } | null => {
      const cell = notebooks.activeCell?.model;
      const meta = exerciseOfCell(cell);
      return meta && cell ? { meta, cell: cell as ICodeCellModel } : null;
    };

    /**
     * Check and Hint show in the cell toolbar of exercise cells, in the notebook toolbar of
     * notebooks holding exercises, and in the palette whenever an exercise cell is active.
     */
    const visibleIn = (args: ReadonlyPartialJSONObject): boolean => {
      if (args.toolbar === 'notebook') {
        const cells = notebooks.currentWidget?.content.model?.cells;
        if (!cells) {
          return false;
        }
        for (let i = 0; i < cells.length; i++) {
          if (exerciseOfCell(cells.get(i))) {
            return true;
          }
        }
        return false;
      }
      return activeExercise() !== null;
    };

    /** Write `content` as a new notebook named after `stem` (never overwriting) and open it. */
    const createNotebook = async (
      stem: string,
      content: ReturnType<typeof lessonNotebook>
    ): Promise<NotebookPanel | undefined> => {
      const directory = '';
      let path = PathExt.join(directory, `${stem}.ipynb`);
      for (let n = 2; await exists(app, path); n++) {
        path = PathExt.join(directory, `${stem}-${n}.ipynb`);
      }
      await app.serviceManager.contents.save(path, {
        type: 'notebook',
        format: 'json',
        content
      });
      return (await commands.execute('docmanager:open', { path })) as
        NotebookPanel | undefined;
    };

    const insertExercise = async (
      exerciseId: string,
      lesson: LessonDetail
    ): Promise<void> => {
      let exercise: ExerciseDetail;
      try {
        exercise = await getExercise(exerciseId, settings);
      } catch (error) {
        Notification.error(
          trans.__(
            'The exercise could not be loaded: %1',
            describeError(error)
          ),
          { autoClose: 8000 }
        );
        return;
      }
      await insertCells(lesson, exerciseCells(exercise), [exercise]);
    };

    /**
     * Put `cells` below the active cell of the current notebook and select the last one; without
     * an open notebook, write a new one named after the lesson (with `exercises`, or `cells`).
     */
    const insertCells = async (
      lesson: LessonDetail,
      cells: ReturnType<typeof exerciseCells>,
      exercises: ExerciseDetail[]
    ): Promise<void> => {
      const panel = notebooks.currentWidget;
      if (panel && panel.content.model && !panel.isDisposed) {
        const notebook = panel.content;
        const index =
          notebook.widgets.length > 0 ? notebook.activeCellIndex + 1 : 0;
        notebook.model!.sharedModel.insertCells(index, cells);
        notebook.activeCellIndex = index + cells.length - 1;
        app.shell.activateById(panel.id);
        return;
      }
      const content = lessonNotebook(lesson, exercises, false);
      if (exercises.length === 0) {
        content.cells.push(...cells);
      }
      await createNotebook(lesson.id, content);
    };

    const insertDemo = async (
      demoId: string,
      lesson: LessonDetail
    ): Promise<void> => {
      const demo = lesson.demos.find(candidate => candidate.id === demoId);
      if (!demo) {
        Notification.error(trans.__('The lesson has no demo “%1”.', demoId), {
          autoClose: 8000
        });
        return;
      }
      await insertCells(lesson, demoCells(demo), []);
    };

    const openLessonNotebook = async (lesson: LessonDetail): Promise<void> => {
      try {
        const exercises = await Promise.all(
          lesson.exercises.map(exercise => getExercise(exercise.id, settings))
        );
        await createNotebook(lesson.id, lessonNotebook(lesson, exercises));
      } catch (error) {
        Notification.error(
          trans.__(
            'The lesson notebook could not be created: %1',
            describeError(error)
          ),
          { autoClose: 8000 }
        );
      }
    };

    opener.actions.insertExercise = (exerciseId, lesson) =>
      void insertExercise(exerciseId, lesson);
    opener.actions.insertDemo = (demoId, lesson) =>
      void insertDemo(demoId, lesson);
    opener.actions.openAsNotebook = lesson => void openLessonNotebook(lesson);

    commands.addCommand(CommandIDs.insertExercise, {
      label: trans.__('Insert Exercise'),
      caption: trans.__(
        'Insert an exercise below the active cell of the current notebook'
      ),
      execute: async args => {
        const lesson = await model.lesson(args.lessonId as string);
        await insertExercise(args.exerciseId as string, lesson);
      }
    });

    commands.addCommand(CommandIDs.insertDemo, {
      label: trans.__('Insert Demo'),
      caption: trans.__(
        'Insert a demo of a lesson below the active cell of the current notebook'
      ),
      execute: async args => {
        const lesson = await model.lesson(args.lessonId as string);
        await insertDemo(args.demoId as string, lesson);
      }
    });

    commands.addCommand(CommandIDs.openLessonNotebook, {
      label: trans.__('Open Lesson as Notebook'),
      icon: lessonIcon,
      execute: async args =>
        openLessonNotebook(await model.lesson(args.lessonId as string))
    });

    commands.addCommand(CommandIDs.check, {
      label: args =>
        args.toolbar ? trans.__('Check') : trans.__('Check Exercise'),
      caption: trans.__(
        'Grade the code of this exercise cell on the server (Ctrl+Alt+Enter)'
      ),
      // A text button in the notebook toolbar, an icon in the narrow cell toolbar.
      icon: args => (args.toolbar === 'cell' ? checkIcon : undefined),
      isEnabled: () => activeExercise() !== null,
      isVisible: args => visibleIn(args),
      execute: async () => {
        const target = activeExercise();
        if (!target) {
          return;
        }
        const { meta, cell } = target;
        const code = cell.sharedModel.getSource();
        setGradeOutput(
          cell,
          { exercise_id: meta.exercise_id, pending: true },
          trans.__('Checking…')
        );
        try {
          const result = await gradeExercise(meta.exercise_id, code, settings);
          if (!cell.isDisposed) {
            setGradeOutput(cell, result, gradeToText(result));
          }
        } catch (error) {
          if (!cell.isDisposed) {
            clearGradeOutput(cell);
          }
          Notification.error(
            trans.__('Checking failed: %1', describeError(error)),
            {
              autoClose: 10000
            }
          );
        } finally {
          void model.refreshProgress();
        }
      }
    });

    commands.addCommand(CommandIDs.hint, {
      label: args =>
        args.toolbar ? trans.__('Hint') : trans.__('Show Next Hint'),
      caption: trans.__('Reveal the next hint of this exercise, one at a time'),
      isEnabled: () => activeExercise() !== null,
      isVisible: args => visibleIn(args),
      execute: async () => {
        const target = activeExercise();
        if (!target) {
          return;
        }
        await showNextHint(target.meta.exercise_id, model, rendermime, trans);
      }
    });

    commands.addCommand(CommandIDs.solution, {
      label: trans.__('Show Reference Solution'),
      caption: trans.__(
        'Insert the reference solution below this exercise (recorded in your progress)'
      ),
      isEnabled: () => activeExercise() !== null,
      isVisible: () => activeExercise() !== null,
      execute: async () => {
        const target = activeExercise();
        const panel = notebooks.currentWidget;
        if (!target || !panel) {
          return;
        }
        await model.refreshProgress();
        const refusal = solutionRefusal(
          solutionPolicy,
          model.progress?.exercises[target.meta.exercise_id],
          trans
        );
        if (refusal) {
          await showDialog({
            title: trans.__('Not yet'),
            body: refusal,
            buttons: [Dialog.okButton({ label: trans.__('Back to work') })]
          });
          return;
        }
        const answer = await showDialog({
          title: trans.__('See the reference solution?'),
          body: trans.__(
            'Trying again after a hint usually teaches more. Seeing the solution is recorded in your progress.'
          ),
          buttons: [
            Dialog.cancelButton({ label: trans.__('Keep trying') }),
            Dialog.warnButton({ label: trans.__('Show solution') })
          ]
        });
        if (!answer.button.accept) {
          return;
        }
        try {
          const solution = await getSolution(target.meta.exercise_id, settings);
          const notebook = panel.content;
          const index =
            notebook.widgets.findIndex(cell => cell.model === target.cell) + 1;
          notebook.model?.sharedModel.insertCells(index, [
            {
              cell_type: 'code',
              source: solution.code,
              metadata: {
                [METADATA_KEY]: {
                  exercise_id: target.meta.exercise_id,
                  role: 'solution'
                }
              },
              outputs: [],
              execution_count: null
            }
          ]);
          void model.refreshProgress();
        } catch (error) {
          await showDialog({
            title: trans.__('The solution is not available'),
            body: describeError(error),
            buttons: [Dialog.okButton()]
          });
        }
      }
    });

    commands.addCommand(CommandIDs.resetProgress, {
      label: trans.__('Reset Course Progress…'),
      caption: trans.__(
        'Forget every attempt, hint and solution seen (cannot be undone)'
      ),
      execute: async () => {
        const answer = await showDialog({
          title: trans.__('Reset your progress?'),
          body: trans.__(
            'Every attempt, hint and solution you have seen in the AI Roadmap is forgotten. This cannot be undone. Your notebooks are not changed.'
          ),
          buttons: [
            Dialog.cancelButton(),
            Dialog.warnButton({ label: trans.__('Reset progress') })
          ]
        });
        if (!answer.button.accept) {
          return;
        }
        try {
          await resetProgress(settings);
        } catch (error) {
          Notification.error(
            trans.__('Progress was not reset: %1', describeError(error)),
            {
              autoClose: 8000
            }
          );
        }
        await model.refreshProgress();
      }
    });

    if (palette) {
      const category = trans.__('AI Roadmap');
      palette.addItem({ command: CommandIDs.check, category });
      palette.addItem({ command: CommandIDs.hint, category });
      palette.addItem({ command: CommandIDs.solution, category });
      palette.addItem({ command: CommandIDs.resetProgress, category });
    }

    // Show, enable or disable Check and Hint as the active cell and the cells change.
    const refreshCommands = (): void => {
      commands.notifyCommandChanged(CommandIDs.check);
      commands.notifyCommandChanged(CommandIDs.hint);
    };
    notebooks.activeCellChanged.connect(refreshCommands);
    notebooks.currentChanged.connect(refreshCommands);
    notebooks.widgetAdded.connect((_, panel) => {
      panel.context.ready.then(() => {
        panel.content.model?.cells.changed.connect(refreshCommands);
        refreshCommands();
      });
    });
    // The grade renderer is registered by the MIME extension; make sure it is known here too.
    if (!rendermime.mimeTypes.includes(GRADE_MIME_TYPE)) {
      console.warn('airoadmap-lab: the grade renderer is not registered');
    }
  }
};

/** Whether a file exists on the server. */
async function exists(app: JupyterFrontEnd, path: string): Promise<boolean> {
  try {
    await app.serviceManager.contents.get(path, { content: false });
    return true;
  } catch {
    return false;
  }
}

/** Fetch the next unrevealed hint of an exercise and show it (with the earlier ones) in a dialog. */
async function showNextHint(
  exerciseId: string,
  model: ICourseModel,
  rendermime: IRenderMimeRegistry,
  trans: TranslationBundle
): Promise<void> {
  const settings = model.serverSettings;
  try {
    await model.refreshProgress();
    const revealed = model.progress?.exercises[exerciseId]?.hints_revealed ?? 0;
    const exercise = await getExercise(exerciseId, settings);
    if (exercise.hints_count === 0) {
      await showDialog({
        title: trans.__('No hints'),
        body: trans.__('This exercise has no hints.'),
        buttons: [Dialog.okButton()]
      });
      return;
    }
    const upTo = Math.min(revealed, exercise.hints_count - 1);
    const hints = await Promise.all(
      Array.from({ length: upTo + 1 }, (_, n) =>
        getHint(exerciseId, n, settings)
      )
    );
    const markdown = hints
      .map(
        hint =>
          `**${trans.__('Hint %1 of %2', hint.index + 1, hint.count)}.** ${hint.text}`
      )
      .join('\n\n');
    const body = rendermime.createRenderer('text/markdown');
    body.addClass('jp-AiroadmapLab-hints');
    await body.renderModel(
      new MimeModel({ data: { 'text/markdown': markdown } })
    );
    const last = upTo + 1 >= exercise.hints_count;
    void model.refreshProgress();
    await showDialog({
      title: trans.__('Hints: %1', exercise.title),
      body: wrap(body, last ? trans.__('That is the last hint.') : ''),
      buttons: [Dialog.okButton({ label: trans.__('Back to work') })]
    });
  } catch (error) {
    Notification.error(
      trans.__('The hint could not be loaded: %1', describeError(error)),
      {
        autoClose: 8000
      }
    );
  }
}

function wrap(content: Widget, note: string): Widget {
  if (!note) {
    return content;
  }
  const note_ = document.createElement('p');
  note_.className = 'jp-AiroadmapLab-hintNote';
  note_.textContent = note;
  content.node.appendChild(note_);
  return content;
}
