import { expect, test } from '@jupyterlab/galata';
import * as fs from 'fs';
import * as path from 'path';

import {
  GRADE,
  insertMatmulExercise,
  PARTLY_RIGHT,
  SCREENSHOT_DIR,
  setCellSource,
  TEST_SETTINGS
} from './helpers';

test.use({ mockSettings: TEST_SETTINGS });

const PANEL = '#airoadmap-lab-gradebook';
const EXERCISE = 'la-matmul-three-ways';

/** Check the matmul exercise with a partly right answer (one more attempt in the store). */
async function checkOnce(
  page: Parameters<Parameters<typeof test>[1]>[0]['page']
): Promise<void> {
  const codeCell = await insertMatmulExercise(page);
  await setCellSource(page, 2, PARTLY_RIGHT);
  await codeCell.locator('.jp-InputArea').click();
  await page.keyboard.press('Control+Alt+Enter');
  await expect(codeCell.locator(GRADE)).toHaveAttribute(
    'data-status',
    'failed'
  );
}

/** Run "Open Gradebook" from the command palette and wait for its table. */
async function openGradebook(
  page: Parameters<Parameters<typeof test>[1]>[0]['page']
): Promise<void> {
  // (The command rather than Ctrl+Shift+C: a focused cell editor may take the keys first.)
  await page.evaluate(async () => {
    await window.jupyterapp.commands.execute(
      'apputils:activate-command-palette'
    );
  });
  await page.locator('.lm-CommandPalette-input').fill('Open Gradebook');
  await page
    .locator('.lm-CommandPalette-item', { hasText: 'Open Gradebook' })
    .first()
    .click();
  await expect(page.locator(PANEL)).toBeVisible();
}

test.describe('Gradebook', () => {
  test("shows the local learner's record after a Check, sorts, charts, lists attempts and exports CSV", async ({
    page
  }) => {
    await checkOnce(page);
    await openGradebook(page);
    const panel = page.locator(PANEL);

    // The table: one row per student, the checked exercise with score/max coloured as not passed.
    const rows = panel.locator('.jp-AiroadmapLab-gradebookTable tbody tr');
    await expect(rows).toHaveCount(1);
    const cell = rows
      .first()
      .locator(`.jp-AiroadmapLab-scoreCell[data-exercise-id="${EXERCISE}"]`);
    await expect(cell).toHaveAttribute('data-passed', 'false');
    await expect(cell).toHaveText(/^\d+(\.\d)?\/\d+(\.\d)?$/);
    await expect(cell).toHaveAttribute('title', /\d+ attempts?/);

    // Columns: only exercises someone has checked, unless asked for all.
    const unchecked = panel.locator('th[data-sort-key="exercise:la-pca-eig"]');
    await expect(unchecked).toHaveCount(0);
    await panel.locator('.jp-AiroadmapLab-onlyChecked input').uncheck();
    await expect(unchecked).toHaveCount(1);
    await expect(
      rows
        .first()
        .locator('.jp-AiroadmapLab-scoreCell[data-exercise-id="la-pca-eig"]')
    ).toHaveClass(/jp-mod-none/);
    await panel.locator('.jp-AiroadmapLab-onlyChecked input').check();
    await expect(unchecked).toHaveCount(0);

    // Sorting: a click on a header sorts by it, a second click reverses.
    const header = panel.locator('th[data-sort-key="total"]');
    await expect(header).toHaveAttribute('aria-sort', 'none');
    await header.locator('button').click();
    await expect(header).toHaveAttribute('aria-sort', 'descending');
    await header.locator('button').click();
    await expect(header).toHaveAttribute('aria-sort', 'ascending');
    await expect(panel.locator('th[data-sort-key="name"]')).toHaveAttribute(
      'aria-sort',
      'none'
    );

    // The chart of the class's best scores on the chosen exercise.
    await panel
      .locator('.jp-AiroadmapLab-chartPicker select')
      .selectOption(EXERCISE);
    const bars = panel.locator('.jp-AiroadmapLab-histogramBar');
    await expect(bars).toHaveCount(10);
    const counts = await bars.evaluateAll(nodes =>
      nodes.map(node => Number(node.getAttribute('data-count')))
    );
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
    await expect(
      panel.locator('.jp-AiroadmapLab-histogramCaption')
    ).toContainText('1 checked');

    // The attempt history of the student, newest first, with the code on expand.
    await rows.first().locator('.jp-AiroadmapLab-studentName').click();
    const attempts = panel.locator('.jp-AiroadmapLab-attempt');
    await expect(attempts.first()).toBeVisible();
    const newest = attempts.first();
    await expect(newest.locator('.jp-AiroadmapLab-attemptStatus')).toHaveText(
      'failed'
    );
    await expect(newest.locator('.jp-AiroadmapLab-attemptCode')).toBeHidden();
    await newest.locator('summary').click();
    await expect(newest.locator('.jp-AiroadmapLab-attemptCode')).toContainText(
      'def matmul_loops'
    );

    for (const theme of ['light', 'dark'] as const) {
      if (theme === 'dark') {
        await page.theme.setDarkTheme();
      } else {
        await page.theme.setLightTheme();
      }
      await page.screenshot({
        path: path.join(SCREENSHOT_DIR, `gradebook-${theme}.png`)
      });
    }

    // Export CSV downloads the server's file.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      panel.locator('.jp-AiroadmapLab-exportCsv').click()
    ]);
    expect(download.suggestedFilename()).toBe('airoadmap-gradebook.csv');
    const file = await download.path();
    const csv = fs.readFileSync(file!, 'utf-8');
    expect(csv.split('\n')[0]).toContain('student,exercise');
    expect(csv).toContain(EXERCISE);
  });

  test("a refusal (not an instructor) shows the server's message", async ({
    page
  }) => {
    // The client adds a cache-busting query: match the path only.
    await page.route(/\/airoadmap-lab\/api\/gradebook(\?|$)/, route =>
      route.fulfill({
        status: 403,
        contentType: 'application/json',
        body: JSON.stringify({
          message: 'Only instructors of this course can see the gradebook.'
        })
      })
    );
    await openGradebook(page);
    const alert = page.locator(`${PANEL} [role="alert"]`);
    await expect(alert).toContainText('not available to you');
    await expect(alert).toContainText(
      'Only instructors of this course can see the gradebook.'
    );
  });
});
