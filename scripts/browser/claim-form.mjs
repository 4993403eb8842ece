// Screenshots of the claim editor as an editor meets it: a part's claims,
// the add form filled in wrongly and sent back with its error.
// node claim-form.mjs BASE OUTDIR, with COOKIE=kinora_session=… signed in
// as an editor.
import { launch } from './lib.mjs';

const [base, out] = process.argv.slice(2);
const browser = await launch();
for (const [w, h] of [[390, 844], [1366, 900]]) {
  for (const scheme of ['light', 'dark']) {
    const context = await browser.newContext({ viewport: { width: w, height: h }, colorScheme: scheme });
    const [name, value] = process.env.COOKIE.split('=');
    await context.addCookies([{ name, value, url: base }]);
    const page = await context.newPage();
    await page.goto(base + '/films/crossing-2008/claims/credits', { waitUntil: 'load' });
    await page.locator('details.claim-box').nth(2).locator('summary').click();
    await page.screenshot({ path: `${out}/credits-open-${w}-${scheme}.png`, fullPage: true });
    await page.goto(base + '/films/crossing-2008/claims/releases', { waitUntil: 'load' });
    const add = page.locator('details.claim-box.add');
    await add.locator('summary').click();
    await add.locator('[name="v.kind"]').selectOption('festival');
    await add.locator('[name="v.country"]').fill('Narnia');
    await add.locator('[name="v.date"]').fill('2008-10-05');
    await add.locator('[name="sources.0.source"]').fill('kofic');
    await page.waitForTimeout(400);
    await page.screenshot({ path: `${out}/releases-suggest-${w}-${scheme}.png` });
    await add.locator('[name="sources.0.source"]').fill('kofic-2008-05-06');
    await add.locator('[name="summary"]').fill('A festival screening');
    await add.locator('button[value=save]').click();
    await page.waitForLoadState('load');
    await page.screenshot({ path: `${out}/releases-error-${w}-${scheme}.png`, fullPage: true });
    await context.close();
  }
}
await browser.close();
