import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from '../e2e/chromium';

/**
 * The external install test's browser checks (packages/toolchain/external-app-test.sh): an app
 * made by @backstage/create-app with Gatehouse's packed tarballs installed, which that script
 * starts on EXTERNAL_APP_PORT before running these and stops after. Debian's chromium, with the
 * flags of the demo's journeys.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '*.test.ts',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  reporter: [['list']],
  outputDir:
    process.env.EXTERNAL_TEST_RESULTS ?? '../e2e-test-results/external-app',
  use: {
    baseURL: `http://localhost:${process.env.EXTERNAL_APP_PORT ?? '13000'}`,
    viewport: { width: 1400, height: 1500 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: chromiumLaunchOptions,
  },
});
