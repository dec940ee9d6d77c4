import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './e2e/chromium';

/**
 * End-to-end journeys through the demo portal in Debian's chromium (Playwright cannot download
 * its own browsers on our machines). The web server is the README's first command, so these
 * tests also prove that it works.
 */
export default defineConfig({
  testDir: 'e2e',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: 1,
  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: 'e2e-test-report' }],
  ],
  outputDir: 'e2e-test-results',
  webServer: {
    command: 'bash packages/toolchain/start.sh',
    url: 'http://localhost:7007/api/gateway-api/health',
    reuseExistingServer: !process.env.CI,
    timeout: 600_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
  use: {
    baseURL: 'http://localhost:3000',
    // Backstage scrolls inside its own layout, so full-page shots need a tall viewport.
    viewport: { width: 1400, height: 1500 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: chromiumLaunchOptions,
  },
});
