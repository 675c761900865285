/**
 * Jupyter Notebook 7: an exercise cell is checked and its result shown on a /notebooks/ page.
 */
import { expect, test } from '@jupyterlab/galata';

import * as path from 'path';

import { GRADE, PARTLY_RIGHT, SCREENSHOT_DIR, TEST_SETTINGS } from './helpers';

// Galata's page helpers expect JupyterLab: the Notebook 7 page is driven with plain Playwright.
test.use({ autoGoto: false, mockSettings: TEST_SETTINGS });

/** A notebook holding exercise la-matmul-three-ways, as "Insert exercise" writes it. */
function exerciseNotebook(code: string): string {
  const meta = (role: string) => ({
    airoadmap: { exercise_id: 'la-matmul-three-ways', version: 1, role }
  });
  return JSON.stringify({
    cells: [
      {
        cell_type: 'markdown',
        source: 'Matrix multiplication three ways',
        metadata: meta('prompt')
      },
      {
        cell_type: 'code',
        source: code,
        metadata: meta('code'),
        outputs: [],
        execution_count: null
      }
    ],
    metadata: {
      kernelspec: {
        name: 'python3',
        display_name: 'Python 3 (ipykernel)',
        language: 'python'
      }
    },
    nbformat: 4,
    nbformat_minor: 5
  });
}

test.describe('Jupyter Notebook 7', () => {
  test('Check on an exercise cell shows the grade result', async ({
    baseURL,
    page: galataPage,
    tmpPath
  }) => {
    const file = `${tmpPath}/notebook7.ipynb`;
    await galataPage.contents.uploadContent(
      exerciseNotebook(PARTLY_RIGHT),
      'text',
      file
    );

    const page = await galataPage.context().newPage();
    await page.goto(`${baseURL}/notebooks/${file}`);
    const codeCell = page.locator('.jp-Notebook .jp-CodeCell').first();
    await expect(codeCell).toContainText('def matmul_loops');
    // This is Notebook 7, not JupyterLab.
    await expect(page.locator('#jp-NotebookLogo')).toBeVisible();

    await codeCell.locator('.jp-InputArea-editor').click();
    const check = page.locator(
      '.jp-NotebookPanel-toolbar [data-command="airoadmap-lab:check"]'
    );
    await expect(check).toBeVisible();
    await check.click();

    const result = codeCell.locator(GRADE);
    await expect(result).toHaveAttribute('data-status', 'failed');
    await expect(
      result.locator('.jp-AiroadmapLab-gradeTest.jp-mod-passed').first()
    ).toBeVisible();
    await result.scrollIntoViewIfNeeded();
    await page.screenshot({
      path: path.join(SCREENSHOT_DIR, 'notebook7-check.png')
    });
    await page.close();
  });
});
