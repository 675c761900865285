/**
 * The "Open Gradebook" command: the instructor's gradebook panel in the main area.
 */
import {
  ILayoutRestorer,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import {
  ICommandPalette,
  MainAreaWidget,
  WidgetTracker
} from '@jupyterlab/apputils';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { tableRowsIcon } from '@jupyterlab/ui-components';

import { CommandIDs } from './commands';
import { ICourseModel } from './tokens';
import { GradebookView } from './widgets/gradebook';

/** The gradebook plugin. */
export const gradebookPlugin: JupyterFrontEndPlugin<void> = {
  id: 'airoadmap-lab:gradebook',
  description:
    'The instructor gradebook: scores, score distributions, attempts and a CSV export.',
  autoStart: true,
  requires: [ICourseModel],
  optional: [ITranslator, ICommandPalette, ILayoutRestorer],
  activate: (
    app: JupyterFrontEnd,
    model: ICourseModel,
    translator: ITranslator | null,
    palette: ICommandPalette | null,
    restorer: ILayoutRestorer | null
  ): void => {
    const trans = (translator ?? nullTranslator).load('airoadmap_lab');
    const tracker = new WidgetTracker<MainAreaWidget<GradebookView>>({
      namespace: 'airoadmap-gradebook'
    });

    app.commands.addCommand(CommandIDs.openGradebook, {
      label: trans.__('Open Gradebook'),
      caption: trans.__(
        'Scores of every student on every exercise (instructors)'
      ),
      icon: args => (args.isPalette ? undefined : tableRowsIcon),
      execute: async () => {
        const existing = tracker.currentWidget;
        if (existing && !existing.isDisposed) {
          existing.content.refresh();
          app.shell.activateById(existing.id);
          return;
        }
        const content = new GradebookView({
          serverSettings: model.serverSettings,
          trans
        });
        const widget = new MainAreaWidget({ content });
        widget.id = 'airoadmap-lab-gradebook';
        widget.title.label = trans.__('Gradebook');
        widget.title.icon = tableRowsIcon;
        widget.title.closable = true;
        await tracker.add(widget);
        app.shell.add(widget, 'main');
        app.shell.activateById(widget.id);
      }
    });

    palette?.addItem({
      command: CommandIDs.openGradebook,
      category: trans.__('AI Roadmap')
    });
    if (restorer) {
      void restorer.restore(tracker, {
        command: CommandIDs.openGradebook,
        name: () => 'gradebook'
      });
    }
  }
};
