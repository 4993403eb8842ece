// Pictures as an editor and a reader meet them: the moderator `mona`
// (password in KINORA_MODERATOR_PASSWORD) adds a real public-domain photo
// as Crossing's poster from the film's page; then, on a phone and on a
// desktop, the poster, the title, the rating and the buttons are all in
// the first screen, the picture is loaded at a width that fits, and the
// home page and the film list show it.
//
//   node pictures.mjs http://127.0.0.1:8080 OUTDIR PICTURE
//
// Exits non-zero if a check fails.
import { checks, launch } from './lib.mjs';
import { mkdirSync } from 'node:fs';

const base = process.argv[2] ?? 'http://127.0.0.1:8080';
const out = process.argv[3] ?? 'screenshots';
const picture = process.argv[4];
const password = process.env.KINORA_MODERATOR_PASSWORD;
mkdirSync(out, { recursive: true });

const browser = await launch();
const { check, finish } = checks();

const editor = await (await browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
await editor.goto(`${base}/sign-in?next=/films/crossing-2008`);
await editor.fill('input[name=name]', 'mona');
await editor.fill('input[name=password]', password);
await editor.click('form.stacked button[type=submit]');
await editor.waitForLoadState();
check(editor.url().endsWith('/films/crossing-2008'), `signed in, back on the film (${editor.url()})`);
await editor.click('details.upload summary');
await editor.setInputFiles('details.upload input[type=file]', picture);
await editor.selectOption('details.upload select[name=role]', 'poster');
await editor.fill('details.upload input[name=caption]', 'Eileen Collins, NASA astronaut');
await editor.fill('details.upload input[name=author]', 'NASA');
await editor.fill('details.upload input[name=licence]', 'public domain');
await editor.fill('details.upload input[name=source]', "scikit-image's sample data");
await editor.click('details.upload button[type=submit]');
await editor.waitForLoadState();
check(/\/films\/crossing-2008/.test(editor.url()), `the upload lands back on the film (${editor.url()})`);
const gallery = await editor.locator('ul.gallery img').count();
check(gallery >= 1, `the gallery shows the picture (${gallery})`);

for (const [screen, viewport] of [['phone', { width: 390, height: 844 }], ['desktop', { width: 1366, height: 900 }]]) {
  for (const scheme of ['light', 'dark']) {
    const context = await browser.newContext({ viewport, colorScheme: scheme });
    const page = await context.newPage();
    await page.goto(`${base}/films/crossing-2008`, { waitUntil: 'load' });
    const seen = await page.evaluate(() => {
      const within = (selector) => {
        const element = document.querySelector(selector);
        if (!element) return false;
        const box = element.getBoundingClientRect();
        return box.height > 0 && box.top >= 0 && box.bottom <= window.innerHeight;
      };
      const img = document.querySelector('header.hero figure img');
      return {
        poster: within('header.hero figure img'),
        loaded: img ? img.complete && img.naturalWidth > 0 : false,
        chosen: img ? img.currentSrc : '',
        shown: img ? Math.round(img.getBoundingClientRect().width) : 0,
        title: within('header.hero h1'),
        rating: within('header.hero .hero-rating'),
        buttons: within('header.hero .hero-community .button'),
        alt: img ? img.alt : '',
      };
    });
    check(seen.poster && seen.loaded, `${screen} ${scheme}: the poster is loaded in the first screen (${seen.chosen})`);
    check(/\.webp$/.test(seen.chosen), `${screen} ${scheme}: the browser took the WebP copy (${seen.chosen})`);
    check(seen.title && seen.rating && seen.buttons, `${screen} ${scheme}: title ${seen.title}, rating ${seen.rating}, buttons ${seen.buttons} in the first screen`);
    check(seen.alt === 'Eileen Collins, NASA astronaut', `${screen} ${scheme}: the poster's text is its caption (${seen.alt})`);
    await page.screenshot({ path: `${out}/film-with-poster-${screen}-${scheme}.png` });
    await page.goto(`${base}/`, { waitUntil: 'load' });
    const home = await page.evaluate(() => {
      const img = document.querySelector('#popular li.card img');
      return img ? img.complete && img.naturalWidth > 0 : false;
    });
    check(home, `${screen} ${scheme}: the home page shows the poster`);
    await page.screenshot({ path: `${out}/home-with-poster-${screen}-${scheme}.png` });
    await context.close();
  }
}
await finish(browser, 'the poster leads the film page on a phone and a desktop');
