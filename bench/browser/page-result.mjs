// SPDX-License-Identifier: MIT
// Opens a bench page and returns its window.result once the page says it is set (a
// console line). Not page.waitForFunction: Playwright compiles its own helper script in
// the page on first use, 20-30 ms of the main thread that fell inside the engine's ready
// time on a fresh page (seen in a Chromium trace). A page error ends the wait at once.
const DONE = 'csmetrics-bench-result';

export async function pageResult(page, url, timeout = 600000) {
  let failed;
  const error = new Promise((_, reject) => { failed = reject; });
  page.on('pageerror', (e) => failed(e));
  const done = page.waitForEvent('console', { predicate: (m) => m.text() === DONE, timeout });
  await page.goto(url);
  await Promise.race([done, error]);
  return page.evaluate(() => window.result);
}

/** The page's half: set window.result, then call this. */
export const announce = () => console.log(DONE);
