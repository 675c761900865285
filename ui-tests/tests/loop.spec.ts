/**
 * The rest of the learner's loop (issue 5): a never-ending loop, a duplicated exercise cell, and
 * a reload of the page.
 */
import { expect, test } from '@jupyterlab/galata';
import * as path from 'path';

import {
  GRADE,
  insertMatmulExercise,
  PARTLY_RIGHT,
  SCREENSHOT_DIR,
  setCellSource,
  SIDEBAR_ID,
  TEST_SETTINGS
} from './helpers';

test.use({ mockSettings: TEST_SETTINGS });

/** The path of the notebook in the current main-area tab. */
async function currentNotebookPath(
  page: Parameters<Parameters<typeof test>[1]>[0]['page']
): Promise<string> {
  return page.evaluate(() => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const panel = window.jupyterapp.shell.currentWidget as any;
    return panel.context.path as string;
  });
}

test.describe("The learner's loop", () => {
  test('a never-ending loop reads as time-limit advice and the notebook stays usable meanwhile', async ({
    page
  }) => {
    // la-matmul-three-ways allows 10 s: the check takes at least that long.
    test.setTimeout(150 * 1000);
    const codeCell = await insertMatmulExercise(page);
    await setCellSource(page, 2, 'while True:\n    pass\n');
    await codeCell.locator('.jp-InputArea').click();

    await page.keyboard.press('Control+Alt+Enter');
    const pending = codeCell.locator(`${GRADE}.jp-mod-pending`);
    await expect(pending).toBeVisible();

    // While the server grades, the learner adds a cell below and types into it.
    await page.keyboard.press('Escape');
    await page.keyboard.press('b');
    await page.keyboard.press('Enter');
    await page.keyboard.type('notes = "typed while checking"');
    const cells = page.locator('.jp-NotebookPanel:visible .jp-CodeCell');
    await expect(cells.last()).toContainText('typed while checking');
    await expect(pending).toBeVisible();

    const result = codeCell.locator(GRADE);
    await expect(result).toHaveAttribute('data-status', 'timeout', {
      timeout: 120 * 1000
    });
    await expect(result.locator('.jp-AiroadmapLab-gradeMessage')).toContainText(
      'ran longer than 10 s'
    );
    await expect(result.locator('.jp-AiroadmapLab-gradeMessage')).toContainText(
      'loop that never ends'
    );
    // No stack dump.
    await expect(result).not.toContainText('Traceback');

    await result.scrollIntoViewIfNeeded();
    await page.theme.setLightTheme();
    await page.screenshot({
      path: path.join(SCREENSHOT_DIR, 'timeout-light.png')
    });
    await page.theme.setDarkTheme();
    await result.scrollIntoViewIfNeeded();
    await page.screenshot({
      path: path.join(SCREENSHOT_DIR, 'timeout-dark.png')
    });
  });

  test('a copy of the exercise cell (copy and paste) is graded too', async ({
    page
  }) => {
    const codeCell = await insertMatmulExercise(page);
    await setCellSource(page, 2, PARTLY_RIGHT);
    await codeCell.locator('.jp-InputArea').click();

    await page.keyboard.press('Escape');
    await page.keyboard.press('c');
    await page.keyboard.press('v');

    const codeCells = page.locator('.jp-NotebookPanel:visible .jp-CodeCell');
    await expect(codeCells).toHaveCount(2);
    const copy = codeCells.last();
    await expect(copy).toContainText('def matmul_loops');
    await copy.locator('.jp-InputArea').click();
    await copy
      .locator('.jp-cell-toolbar [data-command="airoadmap-lab:check"]')
      .click();

    await expect(copy.locator(GRADE)).toHaveAttribute('data-status', 'failed');
    await expect(
      copy.locator('.jp-AiroadmapLab-gradeTest.jp-mod-passed').first()
    ).toBeVisible();
    // The original was not checked: only the copy shows a result.
    await expect(codeCells.first().locator(GRADE)).toHaveCount(0);
  });

  test('after a reload the grade result is still in the notebook and progress in the sidebar', async ({
    page
  }) => {
    const codeCell = await insertMatmulExercise(page);
    await setCellSource(page, 2, PARTLY_RIGHT);
    await codeCell.locator('.jp-InputArea').click();
    await page.keyboard.press('Control+Alt+Enter');
    await expect(codeCell.locator(GRADE)).toHaveAttribute(
      'data-status',
      'failed'
    );
    const notebookPath = await currentNotebookPath(page);
    await page.notebook.save();

    // Galata's default readiness check wants the Launcher tab active; the restored notebook is.
    await page.reload({ waitForIsReady: false });
    await page.locator('#jupyterlab-splash').waitFor({ state: 'detached' });

    // The restored layout reopens the notebook; open it in case it did not.
    await page.evaluate(async path => {
      await window.jupyterapp.commands.execute('docmanager:open', { path });
    }, notebookPath);
    const reopened = page
      .locator('.jp-NotebookPanel:visible .jp-CodeCell')
      .last();
    await expect(reopened.locator(GRADE)).toHaveAttribute(
      'data-status',
      'failed'
    );
    await expect(
      reopened.locator('.jp-AiroadmapLab-gradeTest.jp-mod-failed').first()
    ).toBeVisible();

    const sidebar = page.locator(`#${SIDEBAR_ID}`);
    await page.sidebar.openTab(SIDEBAR_ID);
    await expect(
      sidebar.locator('.jp-AiroadmapLab-progressText')
    ).toBeVisible();
    const topic = sidebar.locator(
      '[data-topic-id="linear-algebra"] > .jp-AiroadmapLab-topic'
    );
    if ((await topic.getAttribute('aria-expanded')) !== 'true') {
      await topic.click();
    }
    await expect(
      sidebar.locator(
        '[data-lesson-id="la-matrices"] .jp-AiroadmapLab-lessonStatus'
      )
    ).toHaveAttribute('data-status', 'in_progress');
  });
});
