/**
 * A small page object for the AI Roadmap: the selectors the tests share, in one place.
 */
import { expect, galata, IJupyterLabPageFixture } from '@jupyterlab/galata';
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

/**
 * Open la-matrices from the sidebar, insert its exercise la-matmul-three-ways (into a new
 * notebook unless one is open) and make the exercise's code cell active. Returns that cell.
 */
export async function insertMatmulExercise(
  page: IJupyterLabPageFixture
): Promise<Locator> {
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
  const codeCells = page.locator('.jp-NotebookPanel:visible .jp-CodeCell');
  await expect(codeCells.last()).toContainText('def matmul_loops');
  // A fixed position: cells added later must not change which cell this is.
  const codeCell = codeCells.nth((await codeCells.count()) - 1);
  await codeCell.locator('.jp-InputArea').click();
  return codeCell;
}

/** The grade result box under a code cell. */
export const GRADE = '.jp-AiroadmapLab-gradeBox';

/** A solution of la-matmul-three-ways that gets only the loop version right. */
export const PARTLY_RIGHT = `import numpy as np


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
