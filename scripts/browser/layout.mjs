// Every page kind at a phone's width and a desktop's, light and dark:
// nothing scrolls sideways, nothing prints over its neighbour, and a
// screenshot of each to look at.
//
//   node layout.mjs http://127.0.0.1:8080 ../../screenshots/layout
//
// Exits non-zero if a check fails.
import { checks, launch } from './lib.mjs';
import { mkdirSync } from 'node:fs';

const base = process.argv[2] ?? 'http://127.0.0.1:8080';
const out = process.argv[3] ?? 'screenshots/layout';
mkdirSync(out, { recursive: true });

const pages = [
  ['home', '/'],
  ['film', '/films/crossing-2008'],
  ['film-documentary', '/films/the-defector-escape-from-north-korea'],
  ['person', '/people/kim-tae-kyun'],
  ['company', '/companies/vantage-holdings'],
  ['album', '/albums/crossing-ost'],
  ['source', '/sources/chosun-2008-04-30-us-screening'],
  ['festival', '/events/idfa-2012'],
  ['section', '/events/idfa-2012-reflecting-images-panorama'],
  ['venue', '/venues/tuschinski-1'],
  ['whats-on', '/whats-on?from=2012-11-18&days=7'],
  ['news', '/news'],
  ['forum', '/threads'],
  ['thread', '/threads/1'],
  ['history', '/films/crossing-2008/history'],
  ['change', '/changes/1'],
  ['search', '/search?q=%ED%81%AC%EB%A1%9C%EC%8B%B1'],
  ['films', '/films'],
  ['films-filtered', '/films?country=KR&sort=newest'],
  ['sign-in', '/sign-in'],
  ['sign-up', '/sign-up'],
  ['not-found', '/films/no-such-film'],
];
const screens = [
  ['phone', { width: 390, height: 844 }],
  ['desktop', { width: 1366, height: 900 }],
];
const schemes = ['light', 'dark'];

const browser = await launch();
const { check, finish } = checks();

for (const [screen, viewport] of screens) {
  for (const scheme of schemes) {
    const context = await browser.newContext({ viewport, colorScheme: scheme });
    const page = await context.newPage();
    for (const [name, path] of pages) {
      const response = await page.goto(base + path);
      const status = response.status();
      check(status < 500 && (status === 200 || name === 'not-found'), `${screen} ${scheme} ${path} answers ${status}`);
      // The page's own width: the widest element, not just the body.
      const wide = await page.evaluate(() => {
        const limit = document.documentElement.clientWidth;
        const offenders = [];
        for (const element of document.querySelectorAll('body *')) {
          const box = element.getBoundingClientRect();
          if (box.width === 0 || box.right <= limit + 1) continue;
          // Inside a box that scrolls on its own: that is allowed.
          let scroller = element.parentElement;
          let contained = false;
          while (scroller && scroller !== document.body) {
            const style = getComputedStyle(scroller);
            if (/(auto|scroll|hidden)/.test(style.overflowX) && scroller.getBoundingClientRect().right <= limit + 1) {
              contained = true;
              break;
            }
            scroller = scroller.parentElement;
          }
          if (!contained) {
            const label = element.tagName.toLowerCase() + (element.className ? '.' + String(element.className).split(' ')[0] : '');
            offenders.push(`${label} to ${Math.round(box.right)}px`);
          }
        }
        return { scroll: document.documentElement.scrollWidth, limit, offenders: offenders.slice(0, 3) };
      });
      check(wide.scroll <= wide.limit + 1 && wide.offenders.length === 0,
        `${screen} ${scheme} ${path} fits ${wide.limit}px (page ${wide.scroll}px${wide.offenders.length ? '; ' + wide.offenders.join(', ') : ''})`);
      if (scheme === 'dark') {
        const colours = await page.evaluate(() => {
          const style = getComputedStyle(document.body);
          return { background: style.backgroundColor, color: style.color };
        });
        const light = (rgb) => {
          const [r, g, b] = rgb.match(/\d+/g).map(Number);
          return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
        };
        check(light(colours.background) < 0.25 && light(colours.color) > 0.6,
          `${screen} dark ${path} is dark (${colours.background} behind ${colours.color})`);
      }
      await page.screenshot({ path: `${out}/${name}-${screen}-${scheme}.png`, fullPage: false });
    }
    await context.close();
  }
}

await finish(browser, 'every page fits every screen, light and dark');
