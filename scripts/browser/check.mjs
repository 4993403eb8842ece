// Opens Kinora's pages in headless Chromium (Debian's /usr/bin/chromium),
// checks what a reader sees, and saves screenshots.
//
//   node check.mjs http://127.0.0.1:8080 ../../screenshots
//
// Exits non-zero if a check fails.
import { checks, launch } from './lib.mjs';
import { mkdirSync } from 'node:fs';

const base = process.argv[2] ?? 'http://127.0.0.1:8080';
const out = process.argv[3] ?? 'screenshots';
mkdirSync(out, { recursive: true });

const browser = await launch();
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
const { check, finish } = checks();

const pages = [
  ['home', '/'],
  ['film-crossing', '/films/crossing-2008'],
  ['film-defector', '/films/the-defector-escape-from-north-korea'],
  ['film-escaping', '/films/escaping-north-korea'],
  ['person-director', '/people/kim-tae-kyun'],
  ['person-cha', '/people/cha-in-pyo'],
  ['company-vantage', '/companies/vantage-holdings'],
  ['album-ost', '/albums/crossing-ost'],
  ['source-kofic', '/sources/kofic-2008-05-06'],
  ['search', '/search?q=%EA%B9%80%ED%83%9C'],
  ['history', '/films/crossing-2008/history'],
];
for (const [name, path] of pages) {
  const response = await page.goto(base + path);
  check(response.status() === 200, `${path} answers 200`);
  const ld = await page.$$eval('script[type="application/ld+json"]', (scripts) => scripts.map((s) => s.textContent));
  if (!['/', '/search?q=%EA%B9%80%ED%83%9C', '/films/crossing-2008/history'].includes(path)) {
    let type = null;
    try { type = JSON.parse(ld[0])['@type']; } catch (e) { type = null; }
    check(type !== null, `${path} embeds parseable JSON-LD (${type})`);
  }
  await page.screenshot({ path: `${out}/${name}.png`, fullPage: name !== 'film-crossing' });
}

// A reader clicks a citation mark on Crossing's page and lands on the source.
await page.goto(base + '/films/crossing-2008');
await page.screenshot({ path: `${out}/film-crossing-full.png`, fullPage: true });
const tracks = await page.$$eval('section[id^="soundtrack"] tbody tr', (rows) => rows.length);
check(tracks === 23, `Crossing shows its album and 22 tracks (${tracks - 1})`);
await page.click('section#releases a.cite');
check(page.url().includes('/sources/'), `a citation mark leads to a source page (${page.url()})`);
const heading = await page.textContent('h1');
check(heading.length > 0, `the source page has a title: ${heading}`);

// A fan types Hangul into the search box of a film page: suggestions
// appear as they type, and the arrow keys and Enter open one.
await page.goto(base + '/films/crossing-2008');
await page.click('header.site input[name=q]');
await page.keyboard.type('김태', { delay: 80 });
await page.waitForSelector('ul.suggestions li', { timeout: 5000 }).catch(() => null);
const suggested = await page.$$eval('ul.suggestions li', (items) => items.map((item) => item.textContent));
check(suggested.some((text) => text.includes('Kim Tae-kyun')), `typing 김태 suggests Kim Tae-kyun (${suggested.join(' | ')})`);
await page.screenshot({ path: `${out}/suggestions.png` });
await page.keyboard.press('ArrowDown');
await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
check(/\/(people|films|companies|sources)\//.test(page.url()), `Enter opens the chosen suggestion (${page.url()})`);

// A reader who half-remembers a newspaper's spelling searches with it.
await page.goto(base + '/search?q=Kim+Tea-gyun');
const found = await page.$$eval('ul.summaries li', (items) => items.map((item) => item.textContent));
check(found.length > 0 && found[0].includes('Kim Tae-kyun'), `a typo finds the director first (${found[0]})`);
await page.screenshot({ path: `${out}/search-typo.png`, fullPage: true });

await finish(browser);
