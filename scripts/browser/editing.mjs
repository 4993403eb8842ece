// Editing the catalog in headless Chromium, from the forms alone, as an
// editor who has never read the catalog format: a source from a pasted
// newspaper address, a release date for Crossing citing it with a quote, a
// new person found as a duplicate and merged, a one-word edit shown as one
// marked line and reverted; a member's proposal accepted by the editor.
//
//   node editing.mjs http://127.0.0.1:8080 ../../screenshots
//
// The server's store must hold an account `mona` (moderator, so an
// editor too) whose password is in KINORA_MODERATOR_PASSWORD. Exits
// non-zero if a check fails.
import { checks, launch } from './lib.mjs';
import { mkdirSync } from 'node:fs';

const base = process.argv[2] ?? 'http://127.0.0.1:8080';
const out = process.argv[3] ?? 'screenshots';
mkdirSync(out, { recursive: true });
const browser = await launch();
const { check, finish } = checks();

const editor = await browser.newPage({ viewport: { width: 390, height: 844 } });
await editor.goto(base + '/sign-in');
await editor.fill('input[name=name]', 'mona');
await editor.fill('input[name=password]', process.env.KINORA_MODERATOR_PASSWORD);
await editor.click('form.stacked button[type=submit]');
await editor.waitForLoadState();

// A source from a pasted address.
await editor.goto(base + '/new/sources');
const form = editor.locator('form.claim-form');
await form.locator('[name="v.kind"]').selectOption('news');
await form.locator('[name="v.title"]').fill('Crossing opens on 26 June');
await form.locator('[name="v.publisher"]').fill('The Korea Herald');
await form.locator('[name="v.authors.0.name"]').fill('Yang Sung-jin');
await form.locator('[name="v.date"]').fill('2008-06-10');
await form.locator('[name="v.url"]').fill('https://www.koreaherald.com/view.php?ud=20080610000012');
await form.locator('[name="v.lang"]').fill('en');
await form.locator('[name=summary]').fill('A Korea Herald article');
await form.locator('button[type=submit]').click();
await editor.waitForLoadState();
check(editor.url().endsWith('/sources/crossing-opens-on-26-june'), `the new source has its page (${editor.url()})`);

// A release date for Crossing, citing it with its words.
await editor.goto(base + '/films/crossing-2008/claims/releases');
const add = editor.locator('details.claim-box.add');
await add.locator('summary').click();
await add.locator('[name="v.kind"]').selectOption('festival');
await add.locator('[name="v.country"]').fill('KR');
await add.locator('[name="v.date"]').fill('2008-10-05');
await add.locator('[name="sources.0.source"]').fill('crossing-opens');
await editor.waitForTimeout(500);
const picked = add.locator('ul.suggestions a', { hasText: 'Crossing opens on 26 June' });
check(await picked.count() > 0, 'the source is suggested by its title');
if (await picked.count() > 0) await picked.first().dispatchEvent('mousedown');
check(await add.locator('[name="sources.0.source"]').inputValue() === 'crossing-opens-on-26-june', 'picking it fills in its id');
await add.locator('[name="sources.0.quote"]').fill('Crossing will open on June 26');
await add.locator('[name=summary]').fill('A festival screening, from the Herald');
await add.locator('button[value=save]').click();
await editor.waitForLoadState();
const readings = await editor.locator('details.claim-box > summary').allTextContents();
check(readings.some((r) => r.includes('festival') && r.includes('5 October 2008')), 'the release is among Crossing\'s releases');
await editor.screenshot({ path: `${out}/editing-releases.png`, fullPage: true });

// A person of a name the catalog has in another spelling.
await editor.goto(base + '/new/people');
const person = editor.locator('form.claim-form');
await person.locator('[name="v.text"]').fill('Kim Tae-gyun');
await person.locator('[name="v.kind"]').selectOption('primary');
await person.locator('[name="sources.0.source"]').fill('crossing-opens-on-26-june');
await person.locator('[name=summary]').fill('The director as the Herald spells him');
await person.locator('button[type=submit]').click();
await editor.waitForLoadState();
const offered = await editor.locator('ul.candidates a').allTextContents();
check(offered.includes('Kim Tae-kyun'), `the person in the catalog is offered first (${offered})`);
await editor.screenshot({ path: `${out}/editing-did-you-mean.png`, fullPage: true });
await editor.locator('input[name=another]').check();
await editor.locator('form.claim-form button[type=submit]').click();
await editor.waitForLoadState();
check(editor.url().endsWith('/people/kim-tae-gyun/claims'), `created anyway (${editor.url()})`);
await editor.goto(base + '/duplicates');
const group = editor.locator('ul.summaries li', { hasText: 'Kim Tae-gyun' });
check(await group.count() === 1, 'the duplicates page pairs the two spellings');
if (await group.count() === 1) {
  await group.locator('input[name=keep][value=kim-tae-kyun]').check();
  await group.locator('form.merge button').click();
  await editor.waitForLoadState();
}
const merged = await editor.goto(base + '/people/kim-tae-gyun');
check(merged.url().endsWith('/people/kim-tae-kyun'), 'the merged id leads to the kept person');

// A one-word edit: one marked line on its change page; then reverted.
await editor.goto(base + '/films/crossing-2008/claims/titles');
const english = editor.locator('details.claim-box', { hasText: 'Crossing · English title' }).first();
await english.locator('summary').click();
await english.locator('[name="v.text"]').fill('Crossings');
await english.locator('[name=summary]').fill('A one-word edit');
await english.locator('button[value=save]').click();
await editor.waitForLoadState();
await editor.goto(base + '/films/crossing-2008/history');
await editor.locator('ol.history a.what').first().click();
await editor.waitForLoadState();
const changed = editor.locator('li.changed');
check(await changed.count() === 1, `the change page shows one changed line (${await changed.count()})`);
check((await editor.locator('li.changed ins.word').allTextContents()).includes('Crossings'), 'the new word is marked');
await editor.screenshot({ path: `${out}/editing-change.png`, fullPage: true });
await editor.locator('form[action$="/revert"] button').click();
await editor.waitForLoadState();
const film = await editor.goto(base + '/films/crossing-2008');
check(!(await film.text()).includes('Crossings'), 'the revert brings the title back');

// A member proposes; the editor accepts.
const member = await browser.newPage({ viewport: { width: 1280, height: 900 } });
const name = `proposer${Date.now() % 100000}`;
await member.goto(base + '/sign-up');
await member.fill('input[name=name]', name);
await member.fill('input[name=display_name]', 'A proposer');
await member.fill('input[name=password]', 'a long enough password');
await member.click('form.stacked button[type=submit]');
await member.waitForLoadState();
await member.goto(base + '/films/crossing-2008/claims/keywords');
const proposal = member.locator('details.claim-box.add');
await proposal.locator('summary').click();
await proposal.locator('[name="v.keyword"]').fill('defection');
await proposal.locator('[name="sources.0.source"]').fill('crossing-opens-on-26-june');
await proposal.locator('[name=summary]').fill('A keyword');
await proposal.locator('button[value=save]').click();
await member.waitForLoadState();
check(member.url().includes('/edits/open#proposal-'), `the member's edit is a proposal (${member.url()})`);
await editor.goto(base + '/edits/open');
const line = editor.locator('ol.proposals li', { hasText: name });
check(await line.count() === 1, 'the editor sees it among the open proposals');
await editor.screenshot({ path: `${out}/editing-proposals.png`, fullPage: true });
if (await line.count() === 1) {
  await line.locator('form[action$="/accept"] button').click();
  await editor.waitForLoadState();
}
const keywords = await editor.goto(base + '/films/crossing-2008/claims/keywords');
check((await keywords.text()).includes('defection'), 'the accepted proposal is made');

await finish(browser);
