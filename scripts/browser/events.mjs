// Events and news in headless Chromium, as a festival-goer and an editor
// use them: The Defector's programme at IDFA in Amsterdam time, what's on,
// Crossing's timeline, a project in development, and an article pasted by
// an editor whose names Kinora finds in any spelling.
//
//   node events.mjs http://127.0.0.1:8080 ../../screenshots
//
// The editor is the moderator `mona` (password in KINORA_MODERATOR_PASSWORD).
// Exits non-zero if a check fails.
import { checks, launch } from './lib.mjs';
import { mkdirSync } from 'node:fs';

const base = process.argv[2] ?? 'http://127.0.0.1:8080';
const out = process.argv[3] ?? 'screenshots';
const editorPassword = process.env.KINORA_MODERATOR_PASSWORD;
mkdirSync(out, { recursive: true });

const browser = await launch();
const { check, finish } = checks();
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
const rowsOf = (selector) => page.$$eval(selector, (rows) => rows.map((row) => row.innerText.replace(/\s+/g, ' ').trim()));

// The festival section's programme, in the venues' local time.
await page.goto(base + '/events/idfa-2012-reflecting-images-panorama');
const programme = await rowsOf('#screenings tbody tr, #past-screenings tbody tr');
check(programme.length === 4, `the section lists four screenings (${programme.length})`);
for (const [day, time, venue] of [
  ['Sun, 18 Nov 2012', '17:00', 'Brakke Grond Rode Zaal'],
  ['Mon, 19 Nov 2012', '12:45', 'Tuschinski 1'],
  ['Wed, 21 Nov 2012', '15:00', 'Munt 11'],
  ['Sat, 24 Nov 2012', '16:45', 'Tuschinski 4'],
]) {
  check(programme.some((row) => row.includes(day) && row.includes(`${time} Amsterdam time`) && row.includes(venue)),
    `${venue} on ${day} at ${time}, Amsterdam time`);
}
const subscribe = await page.getAttribute('a.feed[type="text/calendar"]', 'href');
check(subscribe === '/events/idfa-2012-reflecting-images-panorama/calendar.ics', `a calendar to subscribe to (${subscribe})`);
const calendar = await (await page.request.get(base + subscribe)).text();
check((calendar.match(/BEGIN:VEVENT/g) ?? []).length === 4 && calendar.includes('DTSTART:20121119T114500Z'),
  'the calendar holds the four screenings in UTC');
const ld = JSON.parse(await page.textContent('script[type="application/ld+json"]'));
check(ld['@type'] === 'Festival' && ld.subEvent?.length === 4 && ld.subEvent[0]['@type'] === 'ScreeningEvent',
  'the JSON-LD is a Festival with four ScreeningEvents');
await page.screenshot({ path: `${out}/events-programme.png`, fullPage: true });

// What's on: nothing today in the demo, so the page offers the latest programme.
await page.goto(base + '/whats-on');
const empty = await page.textContent('p.empty');
check(/Nothing is on/.test(empty), 'today has nothing on');
await page.click('p.empty a');
await page.selectOption('select[name=city]', 'Amsterdam');
await page.click('form.whats-on-filter button[type=submit]');
const days = await page.$$eval('section.day h2', (headings) => headings.map((h) => h.textContent));
check(days.includes('Mon, 19 Nov 2012'), `what's on in Amsterdam shows IDFA's days (${days.join(', ')})`);
await page.screenshot({ path: `${out}/events-whats-on.png`, fullPage: true });

// Crossing's timeline, from the production briefing to the release.
await page.goto(base + '/films/crossing-2008#timeline');
const timeline = await rowsOf('#timeline tbody tr');
const at = (text) => timeline.findIndex((row) => row.includes(text));
check(at('briefing') >= 0 && at('briefing') < at('Library of Congress') && at('Library of Congress') < at('Released'),
  'the timeline runs from the briefing through the Library of Congress screening to the release');
const cited = await page.$$eval('#timeline tbody tr', (rows) => rows.every((row) => row.querySelector('a.cite')));
check(cited, 'every step of the timeline cites its source');
await (await page.$('#timeline')).screenshot({ path: `${out}/events-timeline.png` });

// A project in development.
await page.goto(base + '/films/escaping-north-korea');
const crew = await page.textContent('#crew');
check(/Rosalind Ross/.test(crew) && /attached/.test(crew), 'Escaping North Korea shows its attached screenwriter');
await page.screenshot({ path: `${out}/events-project.png`, fullPage: true });

// An editor pastes an article; Kinora finds its names in any spelling.
if (editorPassword) {
  await page.goto(base + '/sign-in?next=/news/new');
  await page.fill('input[name=name]', 'mona');
  await page.fill('input[name=password]', editorPassword);
  await page.click('form.stacked button[type=submit]');
  const headline = `Crossing star speaks (${Date.now() % 100000})`;
  await page.fill('input[name=title]', headline);
  await page.fill('input[name=publisher]', 'Test Daily');
  await page.fill('input[name=date]', '2008-03-19');
  await page.fill('textarea[name=text]',
    'Director Kim Tae-gyoon and actor CHA In-pyo presented "Crossing" in Seoul.\n\n' +
    '김태균 감독은 크로싱을 소개했다. Tae-kyun Kim also made "Volcano High" (2001).');
  await page.click('form.stacked button[type=submit]');
  check(page.url().endsWith('/mentions'), `saving the article leads to its names (${page.url()})`);
  const found = await rowsOf('table.mentions tbody tr');
  const row = (name) => found.find((line) => line.includes(name)) ?? '';
  check(/Kim Tae-gyoon/.test(row('Kim Tae-kyun')), `the director is found as written, “Kim Tae-gyoon” (${row('Kim Tae-kyun')})`);
  check(row('Cha In-pyo') !== '', 'CHA In-pyo is found');
  check(row('Volcano High') !== '' && row('Crossing') !== '', 'both films are found');
  await page.screenshot({ path: `${out}/events-mentions.png`, fullPage: true });
  await page.click('form[action$="/mentions"] button[type=submit]');
  const named = (await page.textContent('#mentions')).replace(/\s+/g, ' ');
  check(/Kim Tae-kyun/.test(named) && /Cha In-pyo/.test(named), `the article names them (${named.slice(0, 160)})`);
  await page.goto(base + '/people/kim-tae-kyun#news');
  check((await page.textContent('#news')).includes(headline), 'the director\'s page has the article in the news');
  await page.screenshot({ path: `${out}/events-person-news.png`, fullPage: true });
}

await finish(browser);
