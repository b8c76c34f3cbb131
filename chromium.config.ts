/**
 * Debian's Chromium, never a downloaded browser, for the end-to-end tests and the benchmarks.
 * The host-resolver rule keeps Chromium's own background lookups (update and component hosts)
 * from leaving the machine.
 */
export const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/lib/chromium/chromium';
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost',
];
