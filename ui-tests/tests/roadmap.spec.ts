import { expect, test } from '@jupyterlab/galata';
import * as path from 'path';

import {
  expandTopic,
  lessonPanel,
  openLessonFromSidebar,
  openRoadmap,
  SCREENSHOT_DIR,
  SIDEBAR_ID,
  TEST_SETTINGS
} from './helpers';

test.use({ mockSettings: TEST_SETTINGS });

test.describe('AI Roadmap sidebar', () => {
  test('lists the five sections of the roadmap and its reading list', async ({
    page
  }) => {
    const sidebar = await openRoadmap(page);

    await expect(
      sidebar.locator('.jp-AiroadmapLab-section[data-section-id]')
    ).toHaveCount(5);
    await expect(
      sidebar.locator('.jp-AiroadmapLab-sectionTitle').first()
    ).toContainText('Basic Mathematics');
    const readingList = sidebar.locator('.jp-AiroadmapLab-readingList');
    await expect(readingList.locator('.jp-AiroadmapLab-resource')).toHaveCount(
      16
    );
  });

  test('expanding a topic shows its lessons with their counts', async ({
    page
  }) => {
    const sidebar = await openRoadmap(page);
    const topic = sidebar.locator('[data-topic-id="linear-algebra"]');
    await expect(topic.locator('.jp-AiroadmapLab-counts')).toContainText(
      'lesson'
    );
    await expect(topic.locator('.jp-AiroadmapLab-lesson')).toHaveCount(0);

    await expandTopic(sidebar, 'linear-algebra');

    await expect(
      topic.locator('.jp-AiroadmapLab-lesson[data-lesson-id="la-matrices"]')
    ).toBeVisible();
    await expect(topic.locator('> .jp-AiroadmapLab-topic')).toHaveAttribute(
      'aria-expanded',
      'true'
    );
  });

  test('the filter narrows the tree to matching topics and lessons', async ({
    page
  }) => {
    const sidebar = await openRoadmap(page);
    const topics = sidebar.locator('.jp-AiroadmapLab-topicItem');
    const allTopics = await topics.count();

    await sidebar
      .locator('.jp-AiroadmapLab-filter')
      .fill('matrix multiplication');

    // Only the lesson(s) about matrix multiplication stay, inside their expanded topic.
    await expect(
      sidebar.locator('.jp-AiroadmapLab-section[data-section-id]')
    ).toHaveCount(1);
    await expect(topics).toHaveCount(1);
    await expect(
      sidebar.locator('[data-topic-id="linear-algebra"]')
    ).toBeVisible();
    await expect(
      sidebar.locator('.jp-AiroadmapLab-lesson[data-lesson-id="la-matrices"]')
    ).toBeVisible();
    expect(await topics.count()).toBeLessThan(allTopics);

    await sidebar
      .locator('.jp-AiroadmapLab-filter')
      .fill('no such thing in the course');
    await expect(sidebar.locator('.jp-AiroadmapLab-status')).toContainText(
      'Nothing matches'
    );

    await sidebar.locator('.jp-AiroadmapLab-filter').press('Escape');
    await expect(topics).toHaveCount(allTopics);
  });

  test('a topic and its lessons can be opened with the keyboard', async ({
    page
  }) => {
    const sidebar = await openRoadmap(page);
    const toggle = sidebar.locator(
      '[data-topic-id="linear-algebra"] > .jp-AiroadmapLab-topic'
    );

    await toggle.focus();
    await page.keyboard.press('Enter');
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');

    await expect(
      lessonPanel(page, 'la-matrices').locator('.jp-AiroadmapLab-lessonBody')
    ).toBeVisible();
  });

  test('shows the server message and recovers with Retry when the roadmap fails', async ({
    page
  }) => {
    await page.route('**/airoadmap-lab/api/roadmap*', route =>
      route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({
          message: 'The course is being updated, try again in a moment.'
        })
      })
    );
    await page.reload();
    await page.sidebar.openTab(SIDEBAR_ID);
    const sidebar = page.locator(`#${SIDEBAR_ID}`);
    const error = sidebar.locator('.jp-AiroadmapLab-error');
    await expect(error).toContainText(
      'The course is being updated, try again in a moment.'
    );

    await page.unroute('**/airoadmap-lab/api/roadmap*');
    await error.locator('.jp-AiroadmapLab-retry').click();

    await expect(
      sidebar.locator('.jp-AiroadmapLab-section[data-section-id]')
    ).toHaveCount(5);
    await expect(error).toHaveCount(0);
  });
});

test.describe('Lesson view', () => {
  test('renders the lesson with math, code, readings and exercises', async ({
    page
  }) => {
    const sidebar = await openRoadmap(page);
    const panel = await openLessonFromSidebar(
      page,
      sidebar,
      'linear-algebra',
      'la-matrices'
    );

    await expect(
      panel.locator('.jp-AiroadmapLab-lessonHeader h1')
    ).not.toBeEmpty();
    // The body's own "# Title" heading is dropped: the header already shows the title.
    await expect(panel.locator('h1')).toHaveCount(1);
    await expect(
      panel.locator('.jp-AiroadmapLab-objectives li').first()
    ).toBeVisible();
    // MathJax typesets the LaTeX of the body into mjx-container elements.
    await expect(
      panel.locator('.jp-AiroadmapLab-lessonBody mjx-container').first()
    ).toBeVisible();
    // Fenced code is highlighted by JupyterLab's Markdown renderer.
    await expect(
      panel.locator('.jp-AiroadmapLab-lessonBody pre code').first()
    ).toBeVisible();
    await expect(
      panel.locator('.jp-AiroadmapLab-reading').first()
    ).toBeVisible();
    await expect(
      panel.locator('.jp-AiroadmapLab-exercise').first()
    ).toBeVisible();
  });

  test('opening the same lesson again focuses its tab instead of a second one', async ({
    page
  }) => {
    const sidebar = await openRoadmap(page);
    await openLessonFromSidebar(page, sidebar, 'linear-algebra', 'la-matrices');
    await sidebar
      .locator('button.jp-AiroadmapLab-lesson[data-lesson-id="la-matrices"]')
      .click();

    await expect(page.locator('#airoadmap-lab-lesson-la-matrices')).toHaveCount(
      1
    );
    await expect(
      page.locator('.lm-DockPanel-tabBar .lm-TabBar-tab.lm-mod-current')
    ).toContainText(
      await page
        .locator(
          '#airoadmap-lab-lesson-la-matrices .jp-AiroadmapLab-lessonHeader h1'
        )
        .innerText()
    );
  });

  test('a prerequisite link opens that lesson', async ({ page }) => {
    const sidebar = await openRoadmap(page);
    const panel = await openLessonFromSidebar(
      page,
      sidebar,
      'linear-algebra',
      'la-pca'
    );
    const link = panel
      .locator('.jp-AiroadmapLab-prerequisites .jp-AiroadmapLab-link')
      .first();
    const target = await link.getAttribute('data-lesson-id');
    expect(target).toBeTruthy();

    await link.click();

    await expect(
      lessonPanel(page, target!).locator('.jp-AiroadmapLab-lessonBody')
    ).toBeVisible();
  });

  test('"Open Lesson…" in the command palette opens the chosen lesson', async ({
    page
  }) => {
    await page.evaluate(async () => {
      await window.jupyterapp.commands.execute(
        'apputils:activate-command-palette'
      );
    });
    await page.locator('.lm-CommandPalette-input').fill('Open Lesson');
    await page
      .locator('.lm-CommandPalette-item', { hasText: 'Open Lesson…' })
      .click();
    const dialog = page.locator('.jp-Dialog');
    const select = dialog.locator('select');
    const option = select.locator('option', { hasText: 'Matrix' }).first();
    await select.selectOption({ label: (await option.textContent())! });
    await dialog.locator('.jp-mod-accept').click();

    await expect(
      page.locator('.jp-AiroadmapLab-lessonPanel .jp-AiroadmapLab-lessonBody')
    ).toBeVisible();
  });
});

test.describe('Screenshots', () => {
  for (const theme of ['light', 'dark'] as const) {
    test(`sidebar and lesson in the ${theme} theme`, async ({ page }) => {
      if (theme === 'dark') {
        await page.theme.setDarkTheme();
      } else {
        await page.theme.setLightTheme();
      }
      const sidebar = await openRoadmap(page);
      await expandTopic(sidebar, 'linear-algebra');
      const panel = await openLessonFromSidebar(
        page,
        sidebar,
        'linear-algebra',
        'la-matrices'
      );
      await panel.locator('mjx-container').first().waitFor();

      await page.screenshot({
        path: path.join(SCREENSHOT_DIR, `lesson-${theme}.png`)
      });
      await sidebar.screenshot({
        path: path.join(SCREENSHOT_DIR, `sidebar-${theme}.png`)
      });
      await panel
        .locator('.jp-AiroadmapLab-lessonBody pre')
        .first()
        .scrollIntoViewIfNeeded();
      await page.screenshot({
        path: path.join(SCREENSHOT_DIR, `lesson-code-${theme}.png`)
      });
      await panel
        .locator('.jp-AiroadmapLab-exercises')
        .scrollIntoViewIfNeeded();
      await page.screenshot({
        path: path.join(SCREENSHOT_DIR, `lesson-end-${theme}.png`)
      });
    });
  }
});
