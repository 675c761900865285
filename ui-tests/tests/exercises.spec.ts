import { expect, test } from '@jupyterlab/galata';
import * as path from 'path';

import {
  CURRENT_MAIN_TAB,
  openLessonFromSidebar,
  openRoadmap,
  SCREENSHOT_DIR,
  setCellSource,
  TEST_SETTINGS
} from './helpers';

test.use({ mockSettings: TEST_SETTINGS });

/** A solution of la-matmul-three-ways that gets only the loop version right. */
const PARTLY_RIGHT = `import numpy as np


def matmul_loops(A, B):
    n, m = A.shape
    m2, p = B.shape
    C = np.zeros((n, p))
    for i in range(n):
        for j in range(p):
            for k in range(m):
                C[i, j] += A[i, k] * B[k, j]
    return C
`;

const GRADE = '.jp-AiroadmapLab-gradeBox';

test.describe('Exercises in notebooks', () => {
  test('Insert exercise without a notebook opens one with the prompt and the starter', async ({
    page
  }) => {
    const sidebar = await openRoadmap(page);
    const lesson = await openLessonFromSidebar(
      page,
      sidebar,
      'linear-algebra',
      'la-matrices'
    );

    await lesson
      .locator(
        '[data-exercise-id="la-matmul-three-ways"] .jp-AiroadmapLab-insertExercise'
      )
      .click();

    const notebook = page.locator('.jp-NotebookPanel:visible');
    await expect(notebook).toHaveCount(1);
    await expect(page.locator(CURRENT_MAIN_TAB)).toContainText('la-matrices');
    const cells = notebook.locator('.jp-Cell');
    // The lesson heading, the prompt, the starter code.
    await expect(cells).toHaveCount(3);
    await expect(cells.nth(1)).toContainText(
      'Matrix multiplication three ways'
    );
    await expect(cells.nth(2)).toContainText('def matmul_loops');
  });

  test('Check grades the cell inline, replaces the result, and updates progress', async ({
    page
  }) => {
    const sidebar = await openRoadmap(page);
    const lesson = await openLessonFromSidebar(
      page,
      sidebar,
      'linear-algebra',
      'la-matrices'
    );
    await lesson
      .locator(
        '[data-exercise-id="la-matmul-three-ways"] .jp-AiroadmapLab-insertExercise'
      )
      .click();
    const notebook = page.locator('.jp-NotebookPanel:visible');
    const codeCell = notebook.locator('.jp-CodeCell').last();
    await codeCell.locator('.jp-InputArea').click();

    // Given the unchanged starter, When Check is clicked in the notebook toolbar,
    await notebook
      .locator('.jp-NotebookPanel-toolbar [data-command="airoadmap-lab:check"]')
      .click();
    // Then the result says the exercise was not attempted.
    await expect(codeCell.locator(GRADE)).toHaveAttribute(
      'data-status',
      'not_attempted'
    );

    // Given code that solves one of three parts, When checked from the cell's own toolbar,
    await setCellSource(page, 2, PARTLY_RIGHT);
    await codeCell.locator('.jp-InputArea').click();
    await codeCell
      .locator('.jp-cell-toolbar [data-command="airoadmap-lab:check"]')
      .click();

    // Then one result replaces the other, with passing and failing checks and their messages.
    await expect(codeCell.locator(GRADE)).toHaveAttribute(
      'data-status',
      'failed'
    );
    await expect(codeCell.locator(GRADE)).toHaveCount(1);
    await expect(
      codeCell.locator('.jp-AiroadmapLab-gradeTest.jp-mod-passed').first()
    ).toBeVisible();
    await expect(
      codeCell
        .locator(
          '.jp-AiroadmapLab-gradeTest.jp-mod-failed .jp-AiroadmapLab-gradeTestMessage'
        )
        .first()
    ).toContainText('matmul_broadcast');

    // And the sidebar shows the lesson as in progress.
    await expect(
      sidebar.locator(
        '[data-lesson-id="la-matrices"] .jp-AiroadmapLab-lessonStatus'
      )
    ).toHaveAttribute('data-status', /in_progress|done/);
    await expect(
      sidebar.locator('.jp-AiroadmapLab-progressText')
    ).toBeVisible();
  });

  test('Insert exercise goes below the active cell of the open notebook', async ({
    page
  }) => {
    await page.notebook.createNew('mine.ipynb');
    await page.notebook.setCell(0, 'markdown', 'My own notes');
    const sidebar = await openRoadmap(page);
    const lesson = await openLessonFromSidebar(
      page,
      sidebar,
      'linear-algebra',
      'la-matrices'
    );

    await lesson
      .locator(
        '[data-exercise-id="la-matmul-three-ways"] .jp-AiroadmapLab-insertExercise'
      )
      .click();

    await expect(page.locator(CURRENT_MAIN_TAB)).toContainText('mine.ipynb');
    const cells = page.locator('.jp-NotebookPanel:visible .jp-Cell');
    await expect(cells).toHaveCount(3);
    await expect(cells.nth(0)).toContainText('My own notes');
    await expect(cells.nth(2)).toContainText('def matmul_loops');
  });

  test('hints are revealed one at a time', async ({ page }) => {
    const sidebar = await openRoadmap(page);
    const lesson = await openLessonFromSidebar(
      page,
      sidebar,
      'linear-algebra',
      'la-matrices'
    );
    await lesson
      .locator(
        '[data-exercise-id="la-matmul-three-ways"] .jp-AiroadmapLab-insertExercise'
      )
      .click();
    const codeCell = page
      .locator('.jp-NotebookPanel:visible .jp-CodeCell')
      .last();
    await codeCell.locator('.jp-InputArea').click();

    await page
      .locator(
        '.jp-NotebookPanel:visible .jp-NotebookPanel-toolbar [data-command="airoadmap-lab:hint"]'
      )
      .click();
    const dialog = page.locator('.jp-Dialog');
    await expect(dialog).toContainText('Hint 1 of');
    const shown = await dialog.locator('strong').count();
    await dialog.locator('.jp-mod-accept').click();

    await page
      .locator(
        '.jp-NotebookPanel:visible .jp-NotebookPanel-toolbar [data-command="airoadmap-lab:hint"]'
      )
      .click();
    await expect(dialog.locator('strong')).toHaveCount(shown + 1);
    await dialog.locator('.jp-mod-accept').click();
  });

  test('Open lesson as notebook writes the lesson, its demos and its exercises', async ({
    page
  }) => {
    const sidebar = await openRoadmap(page);
    const lesson = await openLessonFromSidebar(
      page,
      sidebar,
      'linear-algebra',
      'la-matrices'
    );

    await lesson.locator('.jp-AiroadmapLab-openNotebook').click();

    const notebook = page.locator('.jp-NotebookPanel:visible');
    await expect(notebook.locator('.jp-Cell').first()).toContainText(
      'Vectors, matrices and matrix multiplication'
    );
    await expect(notebook.locator('.jp-CodeCell').last()).toContainText(
      'def matmul_loops'
    );
  });
});

test.describe('Reference solution', () => {
  test.use({
    mockSettings: {
      ...TEST_SETTINGS,
      'airoadmap-lab:exercises': { solutionPolicy: 'always' }
    }
  });

  test('is inserted below the exercise after the learner confirms', async ({
    page
  }) => {
    const sidebar = await openRoadmap(page);
    const lesson = await openLessonFromSidebar(
      page,
      sidebar,
      'linear-algebra',
      'la-matrices'
    );
    await lesson
      .locator(
        '[data-exercise-id="la-matmul-three-ways"] .jp-AiroadmapLab-insertExercise'
      )
      .click();
    const cells = page.locator('.jp-NotebookPanel:visible .jp-Cell');
    await expect(cells).toHaveCount(3);
    await cells.nth(2).locator('.jp-InputArea').click();

    // Not awaited inside the page: the command waits for the dialog answered below.
    await page.evaluate(() => {
      void window.jupyterapp.commands.execute('airoadmap-lab:solution');
    });
    const dialog = page.locator('.jp-Dialog');
    await expect(dialog).toContainText('reference solution');
    await dialog.locator('.jp-mod-accept').click();

    await expect(cells).toHaveCount(4);
    await expect(cells.nth(3)).toContainText('def matmul_broadcast');
    await expect(cells.nth(3)).not.toContainText('NotImplementedError');
  });
});

test.describe('Progress', () => {
  test('Reset Course Progress forgets attempts after confirmation', async ({
    page
  }) => {
    const sidebar = await openRoadmap(page);
    const lesson = await openLessonFromSidebar(
      page,
      sidebar,
      'linear-algebra',
      'la-matrices'
    );
    await lesson
      .locator(
        '[data-exercise-id="la-matmul-three-ways"] .jp-AiroadmapLab-insertExercise'
      )
      .click();
    await setCellSource(page, 2, PARTLY_RIGHT);
    const codeCell = page
      .locator('.jp-NotebookPanel:visible .jp-CodeCell')
      .last();
    await codeCell.locator('.jp-InputArea').click();
    await page.keyboard.press('Control+Alt+Enter');
    await expect(codeCell.locator(GRADE)).toHaveAttribute(
      'data-status',
      'failed'
    );
    const status = sidebar.locator(
      '[data-lesson-id="la-matrices"] .jp-AiroadmapLab-lessonStatus'
    );
    await expect(status).toHaveAttribute('data-status', 'in_progress');

    await page.evaluate(() => {
      void window.jupyterapp.commands.execute('airoadmap-lab:reset-progress');
    });
    await page.locator('.jp-Dialog .jp-mod-accept').click();

    await expect(status).toHaveAttribute('data-status', 'not_started');
  });
});

test.describe('Screenshots of a checked exercise', () => {
  for (const theme of ['light', 'dark'] as const) {
    test(`grade result in the ${theme} theme`, async ({ page }) => {
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
      await lesson
        .locator(
          '[data-exercise-id="la-matmul-three-ways"] .jp-AiroadmapLab-insertExercise'
        )
        .click();
      await expect(
        page.locator('.jp-NotebookPanel:visible .jp-CodeCell')
      ).toHaveCount(1);
      await setCellSource(page, 2, PARTLY_RIGHT);
      const codeCell = page
        .locator('.jp-NotebookPanel:visible .jp-CodeCell')
        .last();
      await codeCell.locator('.jp-InputArea').click();
      await page.keyboard.press('Control+Alt+Enter');
      await expect(codeCell.locator(GRADE)).toHaveAttribute(
        'data-status',
        'failed'
      );
      await codeCell.locator(GRADE).scrollIntoViewIfNeeded();

      await page.screenshot({
        path: path.join(SCREENSHOT_DIR, `check-${theme}.png`)
      });
    });
  }
});
