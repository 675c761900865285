import { expect, test } from '@jupyterlab/galata';

import {
  openLessonFromSidebar,
  openRoadmap,
  SIDEBAR_ID,
  TEST_SETTINGS
} from './helpers';

test.use({ mockSettings: TEST_SETTINGS });

/** Insert la-matmul-three-ways into a new notebook and make its code cell active. */
async function insertExercise(
  page: Parameters<Parameters<typeof test>[1]>[0]['page']
): Promise<void> {
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
}

test.describe('Solution policy', () => {
  test('by default the solution waits for failed checks and says how many are left', async ({
    page
  }) => {
    // Earlier tests of the run may have checked this exercise: start from no attempts.
    const reset = await page.request.post('/airoadmap-lab/api/progress/reset', {
      data: { confirm: true, exercise_id: 'la-matmul-three-ways' }
    });
    expect(reset.ok()).toBe(true);
    await insertExercise(page);

    await page.evaluate(() => {
      void window.jupyterapp.commands.execute('airoadmap-lab:solution');
    });

    const dialog = page.locator('.jp-Dialog');
    await expect(dialog).toContainText('after 3 failed checks');
    await expect(dialog).toContainText('3 more checks to go');
    await dialog.locator('.jp-mod-accept').click();
    await expect(
      page.locator('.jp-NotebookPanel:visible .jp-Cell')
    ).toHaveCount(3);
  });

  test.describe('with the policy "never"', () => {
    test.use({
      mockSettings: {
        ...TEST_SETTINGS,
        'airoadmap-lab:exercises': { solutionPolicy: 'never' }
      }
    });

    test('the solution is refused and the setting named', async ({ page }) => {
      await insertExercise(page);
      await page.evaluate(() => {
        void window.jupyterapp.commands.execute('airoadmap-lab:solution');
      });
      const dialog = page.locator('.jp-Dialog');
      await expect(dialog).toContainText('turned off in your settings');
      await dialog.locator('.jp-mod-accept').click();
    });
  });

  test.describe('with the policy "always"', () => {
    test.use({
      mockSettings: {
        ...TEST_SETTINGS,
        'airoadmap-lab:exercises': { solutionPolicy: 'always' }
      }
    });

    test("the server's refusal (classroom mode) is shown as it wrote it", async ({
      page
    }) => {
      // The client adds a cache-busting query: match the path only.
      await page.route(
        /\/airoadmap-lab\/api\/exercises\/[^/]+\/solution\b/,
        route =>
          route.fulfill({
            status: 403,
            contentType: 'application/json',
            body: JSON.stringify({
              message: 'Your instructor opens solutions after the deadline.'
            })
          })
      );
      await insertExercise(page);
      await page.evaluate(() => {
        void window.jupyterapp.commands.execute('airoadmap-lab:solution');
      });
      const dialog = page.locator('.jp-Dialog');
      await dialog.locator('.jp-mod-accept').click();

      await expect(dialog).toContainText('The solution is not available');
      await expect(dialog).toContainText(
        'Your instructor opens solutions after the deadline.'
      );
    });
  });
});

test.describe('Auto-open sidebar', () => {
  test('the AI Roadmap panel is open when JupyterLab starts', async ({
    page
  }) => {
    await expect(page.locator(`#${SIDEBAR_ID}`)).toBeVisible();
  });

  test.describe('turned off', () => {
    test.use({
      mockSettings: {
        ...TEST_SETTINGS,
        'airoadmap-lab:sidebar': { autoOpenSidebar: false }
      }
    });

    test('the AI Roadmap panel stays closed', async ({ page }) => {
      await expect(page.locator('#filebrowser')).toBeVisible();
      await expect(page.locator(`#${SIDEBAR_ID}`)).toBeHidden();
    });
  });
});
