// The community in headless Chromium, as a new user and a moderator do it:
// sign up, import a Letterboxd export, review Crossing with a spoiler,
// start a thread and quote in it; a moderator locks and archives it.
//
//   node community.mjs http://127.0.0.1:8080 ../../screenshots EXPORT.zip
//
// The server's store must hold an account `mona` (moderator) whose
// password is in KINORA_MODERATOR_PASSWORD. Exits non-zero if a check fails.
import { checks, launch } from './lib.mjs';
import { mkdirSync } from 'node:fs';

const base = process.argv[2] ?? 'http://127.0.0.1:8080';
const out = process.argv[3] ?? 'screenshots';
const exportZip = process.argv[4];
const moderatorPassword = process.env.KINORA_MODERATOR_PASSWORD;
mkdirSync(out, { recursive: true });

const browser = await launch();
const { check, finish } = checks();
const name = `fan${Date.now() % 100000}`;

// A new user signs up.
const user = await browser.newPage({ viewport: { width: 1280, height: 900 } });
await user.goto(base + '/sign-up');
await user.fill('input[name=name]', name);
await user.fill('input[name=display_name]', 'A fan of 크로싱');
await user.fill('input[name=password]', 'a long enough password');
await user.click('form.stacked button[type=submit]');
check(user.url().endsWith(`/users/${name}`), `signing up leads to the new profile (${user.url()})`);
check((await user.textContent('header a.me')) === 'A fan of 크로싱', 'the header shows who is signed in');

// They import their Letterboxd export.
if (exportZip) {
  await user.goto(base + '/me/import');
  await user.setInputFiles('input[type=file]', exportZip);
  await user.click('form.stacked button[type=submit]');
  await user.waitForLoadState();
  const report = (await user.textContent('div.import-report')).replace(/\s+/g, ' ');
  check(/Diary: [1-9]\d* viewings? added/.test(report) && /Reviews: [1-9]/.test(report), `the import reports what it added (${report.slice(0, 200)})`);
  await user.screenshot({ path: `${out}/community-import.png`, fullPage: true });
  await user.goto(base + `/users/${name}/diary`);
  const viewings = await user.$$eval('ol.film-lines li', (items) => items.length);
  check(viewings > 0, `the diary holds the imported viewings (${viewings})`);
  await user.screenshot({ path: `${out}/community-diary.png`, fullPage: true });
}

// They review Crossing with a spoiler inside the text.
await user.goto(base + '/films/crossing-2008#ratings');
// After the import the form is folded away under "Edit your review".
await user.locator('details#mine').evaluate((details) => { details.open = true; });
await user.selectOption('form.review-form select[name=rating]', '9');
const headline = `It breaks you (${name})`;
await user.fill('form.review-form input[name=headline]', headline);
await user.fill('form.review-form textarea[name=body]', 'A father crosses into China. ||The boy does not make it.|| Unforgettable.');
await user.click('form.review-form button[type=submit]');
await user.waitForLoadState();
const review = user.locator('article.review', { hasText: headline });
check(await review.count() === 1, 'the review is on the film page');
const spoiler = review.locator('span.spoiler');
const hiddenColor = await spoiler.evaluate((el) => getComputedStyle(el).color);
check(hiddenColor === 'rgba(0, 0, 0, 0)', `the spoiler is hidden until clicked (color ${hiddenColor})`);
await spoiler.click();
const shownColor = await spoiler.evaluate((el) => getComputedStyle(el).color);
check(shownColor !== 'rgba(0, 0, 0, 0)', `a click shows the spoiler (color ${shownColor})`);
await review.screenshot({ path: `${out}/community-review.png` });
const ld = JSON.parse(await user.$eval('script[type="application/ld+json"]', (s) => s.textContent));
check(ld.aggregateRating && ld.aggregateRating['@type'] === 'AggregateRating', `the film's JSON-LD has an AggregateRating (${JSON.stringify(ld.aggregateRating)})`);
check(Array.isArray(ld.review) && ld.review.some((r) => r.author.name === 'A fan of 크로싱'), 'the JSON-LD lists the review');
await user.locator('#ratings').screenshot({ path: `${out}/community-ratings.png` });

// The movie page's imported review hides what follows "==contain spoiler==".
const sergei = user.locator('article.review', { hasText: 'sergeimontoya' });
check(await sergei.locator('details.spoiler').count() === 1, 'an imported "==contain spoiler==" is folded away');

// They start a thread about Crossing, and another user's post is quoted.
await user.goto(base + '/films/crossing-2008#discussion');
await user.click('text=Start a thread about this film');
await user.fill('input[name=title]', 'Where was it filmed?');
await user.fill('textarea[name=body]', 'In China and Mongolia, in secret?');
await user.click('form.stacked button[type=submit]');
await user.waitForLoadState();
const threadUrl = user.url();
check(/\/threads\/\d+$/.test(threadUrl), `starting a thread opens it (${threadUrl})`);
await user.click('article.post footer a:has-text("Quote")');
await user.fill('form#reply textarea[name=body]', 'Answering myself: on an 8,000 km route.');
await user.click('form#reply button[type=submit]');
await user.waitForLoadState();
const quotes = await user.$$eval('article.post blockquote.quote a', (links) => links.map((a) => a.getAttribute('href')));
check(quotes.length === 1 && quotes[0].startsWith('#post-'), `the reply quotes the first post with a link (${quotes})`);
await user.screenshot({ path: `${out}/community-thread.png`, fullPage: true });

// A moderator locks the thread, then archives it.
if (moderatorPassword) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const moderator = await context.newPage();
  await moderator.goto(base + '/sign-in?next=' + encodeURIComponent(new URL(threadUrl).pathname));
  await moderator.fill('input[name=name]', 'mona');
  await moderator.fill('input[name=password]', moderatorPassword);
  await moderator.click('form.stacked button[type=submit]');
  await moderator.waitForLoadState();
  check(moderator.url() === threadUrl, `the moderator lands back on the thread (${moderator.url()})`);
  await moderator.selectOption('section.moderation-tools select[name=action]', 'lock');
  await moderator.fill('section.moderation-tools input[name=reason]', 'Answered.');
  await moderator.click('section.moderation-tools button[type=submit]');
  await moderator.waitForLoadState();
  check((await moderator.textContent('p.closed')).includes('locked'), 'the thread says it is locked');
  await moderator.selectOption('section.moderation-tools select[name=action]', 'archive');
  await moderator.fill('section.moderation-tools input[name=reason]', 'Kept as it was.');
  await moderator.click('section.moderation-tools button[type=submit]');
  await moderator.waitForLoadState();
  check((await moderator.textContent('p.closed')).includes('archived and closed to further replies'), 'the thread says it is archived');
  await user.reload();
  check(await user.locator('form#reply').count() === 0, 'the user can no longer reply');
  await moderator.goto(base + '/moderation');
  const log = await moderator.textContent('table');
  check(log.includes('archive') && log.includes('Kept as it was.'), 'the moderation log shows the archiving and its reason');
  await moderator.screenshot({ path: `${out}/community-moderation.png`, fullPage: true });
} else {
  check(false, 'KINORA_MODERATOR_PASSWORD is set');
}

// The demo's forum thread: archived, with its guests, quotes and reposts.
await user.goto(base + '/threads');
await user.click('text=[movie 2008] Crossing 크로싱');
check((await user.textContent('p.closed')).includes('archived'), 'the demo thread is archived and closed');
const reposts = await user.$$eval('p.repost', (items) => items.length);
check(reposts >= 5, `the demo thread shows its reposted articles (${reposts})`);
await user.screenshot({ path: `${out}/community-demo-thread.png` });

await finish(browser);
