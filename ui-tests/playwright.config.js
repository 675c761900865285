/**
 * Playwright configuration: Galata's defaults, Debian's Chromium (Playwright cannot download
 * browsers here) and one worker (the tests share one JupyterLab server).
 */
const baseConfig = require('@jupyterlab/galata/lib/playwright-config');

const port = process.env.UI_TESTS_PORT || '8898';
const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

module.exports = {
  ...baseConfig,
  workers: 1,
  retries: 0,
  timeout: 90 * 1000,
  reporter: [['list'], ['html', { open: 'never' }]],
  use: {
    ...baseConfig.use,
    baseURL: `http://127.0.0.1:${port}`,
    video: 'off',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromium,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync'
      ]
    }
  },
  webServer: {
    command: 'jlpm start',
    url: `http://127.0.0.1:${port}/lab`,
    timeout: 120 * 1000,
    reuseExistingServer: false
  }
};
