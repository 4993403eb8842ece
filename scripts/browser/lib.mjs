// What every browser check shares: Debian's Chromium, quiet and offline,
// and a list of checks that decides the exit code.
import { chromium } from 'playwright-core';

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/// `check(ok, what)` prints each result; `finish(browser)` closes the
/// browser and exits non-zero, naming them, if any check failed.
export function checks() {
  const failures = [];
  const check = (ok, what) => {
    if (!ok) failures.push(what);
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  };
  const finish = async (browser, success = 'every check passed') => {
    await browser.close();
    if (failures.length) {
      console.error(`${failures.length} check(s) failed:\n  ${failures.join('\n  ')}`);
      process.exit(1);
    }
    console.log(success);
  };
  return { check, finish };
}
