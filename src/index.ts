import {
  ILabShell,
  ILayoutRestorer,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import {
  ICommandPalette,
  InputDialog,
  MainAreaWidget,
  WidgetTracker
} from '@jupyterlab/apputils';
import { IRenderMimeRegistry } from '@jupyterlab/rendermime';
import { ServerConnection } from '@jupyterlab/services';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';

import { CommandIDs } from './commands';
import { lessonIcon } from './icons';
import { exercisesPlugin } from './exercises';
import { gradebookPlugin } from './gradebookPlugin';
import { CourseModel } from './model';
import { ICourseModel, ILessonOpener } from './tokens';
import { LessonView } from './widgets/lesson';
import { RoadmapSidebar } from './widgets/sidebar';

export * from './tokens';
export { CommandIDs } from './commands';

/** The translation domain of the extension. */
const DOMAIN = 'airoadmap_lab';

/** The course model: one roadmap download shared by every view. */
const coursePlugin: JupyterFrontEndPlugin<ICourseModel> = {
  id: 'airoadmap-lab:course',
  description: 'Loads the AI Roadmap course from the server.',
  autoStart: true,
  provides: ICourseModel,
  activate: (app: JupyterFrontEnd): ICourseModel => {
    const model = new CourseModel(
      app.serviceManager.serverSettings ?? ServerConnection.makeSettings()
    );
    // Start loading without waiting: views show "loading" and update when it arrives.
    void model.refresh();
    void model.refreshProgress();
    return model;
  }
};

/** Lesson views in the main area and the "Open lesson…" command. */
const lessonsPlugin: JupyterFrontEndPlugin<ILessonOpener> = {
  id: 'airoadmap-lab:lessons',
  description: 'Opens AI Roadmap lessons in the main area.',
  autoStart: true,
  requires: [ICourseModel, IRenderMimeRegistry],
  optional: [ITranslator, ICommandPalette, ILayoutRestorer, ISettingRegistry],
  provides: ILessonOpener,
  activate: (
    app: JupyterFrontEnd,
    model: ICourseModel,
    rendermime: IRenderMimeRegistry,
    translator: ITranslator | null,
    palette: ICommandPalette | null,
    restorer: ILayoutRestorer | null,
    settingRegistry: ISettingRegistry | null
  ): ILessonOpener => {
    const trans = (translator ?? nullTranslator).load(DOMAIN);
    const tracker = new WidgetTracker<MainAreaWidget<LessonView>>({
      namespace: 'airoadmap-lesson'
    });
    let readingWidth = 48;
    const applyWidth = (widget: MainAreaWidget<LessonView>): void => {
      widget.content.node.style.setProperty(
        '--jp-AiroadmapLab-reading-width',
        `${readingWidth}em`
      );
    };

    const opener: ILessonOpener = {
      actions: {},
      open: async (lessonId: string): Promise<void> => {
        const existing = tracker.find(
          widget => widget.content.lessonId === lessonId
        );
        if (existing) {
          app.shell.activateById(existing.id);
          return;
        }
        const content = new LessonView({
          lessonId,
          model,
          rendermime,
          trans,
          openLesson: id => void opener.open(id),
          actions: opener.actions
        });
        const widget = new MainAreaWidget({ content });
        widget.id = `airoadmap-lab-lesson-${lessonId}`;
        widget.addClass('jp-AiroadmapLab-lessonPanel');
        widget.title.label = model.locate(lessonId)?.lesson.title ?? lessonId;
        widget.title.icon = lessonIcon;
        widget.title.closable = true;
        content.title.changed.connect(() => {
          widget.title.label = content.title.label;
          widget.title.caption = content.title.caption;
        });
        applyWidth(widget);
        await tracker.add(widget);
        app.shell.add(widget, 'main');
        app.shell.activateById(widget.id);
        await content.ready;
      }
    };

    app.commands.addCommand(CommandIDs.openLesson, {
      label: args =>
        args.lessonId ? trans.__('Open Lesson') : trans.__('Open Lesson…'),
      caption: trans.__('Open a lesson of the AI Roadmap'),
      icon: args => (args.isPalette ? undefined : lessonIcon),
      execute: async args => {
        let lessonId = args.lessonId as string | undefined;
        if (!lessonId) {
          lessonId = (await pickLesson(model, trans)) ?? undefined;
        }
        if (lessonId) {
          await opener.open(lessonId);
        }
      }
    });
    palette?.addItem({
      command: CommandIDs.openLesson,
      category: trans.__('AI Roadmap')
    });

    if (restorer) {
      void restorer.restore(tracker, {
        command: CommandIDs.openLesson,
        args: widget => ({ lessonId: widget.content.lessonId }),
        name: widget => widget.content.lessonId
      });
    }

    if (settingRegistry) {
      void settingRegistry.load(lessonsPlugin.id).then(settings => {
        const update = (): void => {
          readingWidth = settings.get('readingWidth').composite as number;
          tracker.forEach(applyWidth);
        };
        update();
        settings.changed.connect(update);
      });
    }
    return opener;
  }
};

/** Ask the learner which lesson to open; resolves to its id, or null if cancelled. */
async function pickLesson(
  model: ICourseModel,
  trans: ReturnType<ITranslator['load']>
): Promise<string | null> {
  const roadmap = await model.roadmap();
  const choices = new Map<string, string>();
  for (const section of roadmap.sections) {
    for (const topic of section.topics) {
      for (const lesson of topic.lessons) {
        choices.set(`${topic.title} › ${lesson.title}`, lesson.id);
      }
    }
  }
  if (choices.size === 0) {
    return null;
  }
  const result = await InputDialog.getItem({
    title: trans.__('Open Lesson'),
    label: trans.__('Lesson'),
    items: [...choices.keys()],
    okLabel: trans.__('Open')
  });
  return result.button.accept && result.value
    ? (choices.get(result.value) ?? null)
    : null;
}

/** The "AI Roadmap" panel in the left sidebar and the "Open AI Roadmap" command. */
const sidebarPlugin: JupyterFrontEndPlugin<void> = {
  id: 'airoadmap-lab:sidebar',
  description: 'The AI Roadmap panel in the left sidebar.',
  autoStart: true,
  requires: [ICourseModel, ILessonOpener],
  optional: [
    ITranslator,
    ICommandPalette,
    ILayoutRestorer,
    ISettingRegistry,
    ILabShell
  ],
  activate: (
    app: JupyterFrontEnd,
    model: ICourseModel,
    opener: ILessonOpener,
    translator: ITranslator | null,
    palette: ICommandPalette | null,
    restorer: ILayoutRestorer | null,
    settingRegistry: ISettingRegistry | null,
    labShell: ILabShell | null
  ): void => {
    const trans = (translator ?? nullTranslator).load(DOMAIN);
    const sidebar = new RoadmapSidebar({
      model,
      trans,
      openLesson: lessonId => void opener.open(lessonId)
    });
    app.shell.add(sidebar, 'left', { rank: 150 });
    restorer?.add(sidebar, sidebar.id);

    app.commands.addCommand(CommandIDs.openRoadmap, {
      label: trans.__('Open AI Roadmap'),
      caption: trans.__('Show the AI Roadmap course in the left sidebar'),
      execute: () => {
        app.shell.activateById(sidebar.id);
        sidebar.focusFilter();
      }
    });
    palette?.addItem({
      command: CommandIDs.openRoadmap,
      category: trans.__('AI Roadmap')
    });

    if (settingRegistry) {
      void settingRegistry.load(sidebarPlugin.id).then(settings => {
        const update = (): void => {
          sidebar.preferences = {
            showReadingList: settings.get('showReadingList')
              .composite as boolean,
            showCounts: settings.get('showCounts').composite as boolean
          };
        };
        update();
        settings.changed.connect(update);
        // In JupyterLab (not on Notebook 7's pages), show the course once the layout is restored.
        if (
          labShell &&
          (settings.get('autoOpenSidebar').composite as boolean)
        ) {
          void app.restored.then(() => app.shell.activateById(sidebar.id));
        }
      });
    }
  }
};

const plugins: JupyterFrontEndPlugin<unknown>[] = [
  coursePlugin,
  lessonsPlugin,
  sidebarPlugin,
  exercisesPlugin,
  gradebookPlugin
];
export default plugins;
