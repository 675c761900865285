import { expect, test } from '@jupyterlab/galata';
import * as path from 'path';

import {
  CURRENT_MAIN_TAB,
  openLessonFromSidebar,
  openRoadmap,
  SCREENSHOT_DIR,
  TEST_SETTINGS
} from './helpers';

test.use({ mockSettings: TEST_SETTINGS });

test.describe('Demos in the lesson view', () => {
  test('are listed near the exercises and Insert demo adds an ungraded demo cell', async ({
    page
  }) => {
    const sidebar = await openRoadmap(page);
    const lesson = await openLessonFromSidebar(
      page,
      sidebar,
      'linear-algebra',
      'la-matrices'
    );

    const demo = lesson.locator(
      '.jp-AiroadmapLab-demos [data-demo-id="la-transform-demo"]'
    );
    await expect(demo.locator('.jp-AiroadmapLab-demoTitle')).toContainText(
      'unit square'
    );
    // The code can be read in place before inserting it.
    await demo.locator('summary').click();
    await expect(demo.locator('pre')).toContainText('import');

    await demo.locator('.jp-AiroadmapLab-insertDemo').click();

    await expect(page.locator(CURRENT_MAIN_TAB)).toContainText('la-matrices');
    const codeCell = page
      .locator('.jp-NotebookPanel:visible .jp-CodeCell')
      .last();
    await expect(codeCell).toContainText('import');
    const meta = await page.evaluate(() => {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const panel = window.jupyterapp.shell.currentWidget as any;
      const cells = panel.content.model.cells;
      return cells.get(cells.length - 1).getMetadata('airoadmap');
    });
    expect(meta).toEqual({ demo_id: 'la-transform-demo', role: 'demo' });
    // A demo is not an exercise: no Check for it.
    await codeCell.locator('.jp-InputArea').click();
    await expect(
      page.locator(
        '.jp-NotebookPanel:visible .jp-NotebookPanel-toolbar [data-command="airoadmap-lab:check"]'
      )
    ).toBeHidden();
  });

  test('Insert demo goes below the active cell of the open notebook', async ({
    page
  }) => {
    await page.notebook.createNew('with-demo.ipynb');
    await page.notebook.setCell(0, 'markdown', 'Notes before the demo');
    const sidebar = await openRoadmap(page);
    const lesson = await openLessonFromSidebar(
      page,
      sidebar,
      'linear-algebra',
      'la-matrices'
    );

    await lesson
      .locator('[data-demo-id="la-transform-demo"] .jp-AiroadmapLab-insertDemo')
      .click();

    await expect(page.locator(CURRENT_MAIN_TAB)).toContainText(
      'with-demo.ipynb'
    );
    const cells = page.locator('.jp-NotebookPanel:visible .jp-Cell');
    await expect(cells).toHaveCount(3);
    await expect(cells.nth(0)).toContainText('Notes before the demo');
    await expect(cells.nth(1)).toContainText('unit square');
  });

  for (const theme of ['light', 'dark'] as const) {
    test(`screenshot of the demos section in the ${theme} theme`, async ({
      page
    }) => {
      if (theme === 'dark') {
        await page.theme.setDarkTheme();
      } else {
        await page.theme.setLightTheme();
      }
      const sidebar = await openRoadmap(page);
      const lesson = await openLessonFromSidebar(
        page,
        sidebar,
        'linear-algebra',
        'la-matrices'
      );
      const demos = lesson.locator('.jp-AiroadmapLab-demos');
      await demos.locator('summary').first().click();
      await demos.scrollIntoViewIfNeeded();
      await page.screenshot({
        path: path.join(SCREENSHOT_DIR, `lesson-demos-${theme}.png`)
      });
    });
  }
});
