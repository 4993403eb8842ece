// Screenshots of pages for a person to look at: node shot.mjs BASE OUTDIR PATH…
// Each path at 390×844 and 1366×900, light and dark (first screen only;
// FULL=1 for the whole page). COOKIE=name=value signs the browser in;
// LOCALE=ko-KR asks for the pages in that language (Accept-Language).
import { launch } from './lib.mjs';

const [base, out, ...paths] = process.argv.slice(2);
const browser = await launch();
for (const path of paths) {
  for (const [w, h] of [[390, 844], [1366, 900]]) {
    for (const scheme of ['light', 'dark']) {
      const context = await browser.newContext({ viewport: { width: w, height: h }, colorScheme: scheme, locale: process.env.LOCALE || 'en-GB' });
      if (process.env.COOKIE) {
        const [name, value] = process.env.COOKIE.split('=');
        await context.addCookies([{ name, value, url: base }]);
      }
      const page = await context.newPage();
      await page.goto(base + path, { waitUntil: 'load' });
      const name = path.replace(/[^a-z0-9]+/gi, '_').replace(/^_|_$/g, '') || 'home';
      const locale = process.env.LOCALE ? `-${process.env.LOCALE}` : '';
      await page.screenshot({ path: `${out}/${name}${locale}-${w}-${scheme}.png`, fullPage: !!process.env.FULL });
      await context.close();
    }
  }
}
await browser.close();
