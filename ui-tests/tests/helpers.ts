/**
 * A small page object for the AI Roadmap: the selectors the tests share, in one place.
 */
import { galata, IJupyterLabPageFixture } from '@jupyterlab/galata';
import { Locator } from '@playwright/test';
import * as path from 'path';

/** The id of the sidebar panel (also the id of its tab). */
export const SIDEBAR_ID = 'airoadmap-lab-sidebar';

/** Settings for every test: no "Jupyter news" toast covering screenshots. */
export const TEST_SETTINGS = {
  ...galata.DEFAULT_SETTINGS,
  '@jupyterlab/apputils-extension:notification': {
    checkForUpdates: false,
    fetchNews: 'false'
  }
};

/**
 * Where screenshots for people are written: test-results/screenshots by default (not tracked);
 * `SCREENSHOT_DIR=screenshots` refreshes the committed ones used by the README.
 */
export const SCREENSHOT_DIR = path.resolve(
  __dirname,
  '..',
  process.env.SCREENSHOT_DIR || path.join('test-results', 'screenshots')
);

/** Open the AI Roadmap sidebar and wait until the course has loaded. */
export async function openRoadmap(
  page: IJupyterLabPageFixture
): Promise<Locator> {
  await page.sidebar.openTab(SIDEBAR_ID);
  const sidebar = page.locator(`#${SIDEBAR_ID}`);
  await sidebar
    .locator('.jp-AiroadmapLab-section[data-section-id]')
    .first()
    .waitFor();
  return sidebar;
}

/** Expand a topic of the sidebar (by id) if it is collapsed. */
export async function expandTopic(
  sidebar: Locator,
  topicId: string
): Promise<void> {
  const toggle = sidebar.locator(
    `[data-topic-id="${topicId}"] > .jp-AiroadmapLab-topic`
  );
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') {
    await toggle.click();
  }
}

/** The lesson view (main-area panel) of a lesson. */
export function lessonPanel(
  page: IJupyterLabPageFixture,
  lessonId: string
): Locator {
  return page.locator(`#airoadmap-lab-lesson-${lessonId}`);
}

/** Open a lesson from the sidebar and wait for its body to be rendered. */
export async function openLessonFromSidebar(
  page: IJupyterLabPageFixture,
  sidebar: Locator,
  topicId: string,
  lessonId: string
): Promise<Locator> {
  await expandTopic(sidebar, topicId);
  await sidebar
    .locator(`button.jp-AiroadmapLab-lesson[data-lesson-id="${lessonId}"]`)
    .click();
  const panel = lessonPanel(page, lessonId);
  await panel.locator('.jp-AiroadmapLab-lessonBody').waitFor();
  return panel;
}

/** Replace the source of cell `index` of the notebook in the current main-area tab. */
export async function setCellSource(
  page: IJupyterLabPageFixture,
  index: number,
  source: string
): Promise<void> {
  await page.waitForFunction(index => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const panel = window.jupyterapp.shell.currentWidget as any;
    return (panel?.content?.model?.cells?.length ?? 0) > index;
  }, index);
  await page.evaluate(
    ({ index, source }) => {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const panel = window.jupyterapp.shell.currentWidget as any;
      panel.content.model.cells.get(index).sharedModel.setSource(source);
    },
    { index, source }
  );
}

/** The current tab of the main area. */
export const CURRENT_MAIN_TAB =
  '#jp-main-dock-panel .lm-TabBar-tab.lm-mod-current';
