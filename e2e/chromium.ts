/**
 * How every browser test and bench launches Debian's chromium: Playwright cannot download its
 * own browsers on our machines, and without the background-networking flags chromium keeps
 * dialling hosts this machine's closed network refuses.
 */
export const chromiumLaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};
