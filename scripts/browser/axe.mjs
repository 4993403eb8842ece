// WCAG 2.1 AA with axe-core, on the pages readers use most, at a phone's
// width and a desktop's, light and dark. Prints every violation's impact,
// rule and first element; fails on a serious or critical one.
//
//   node axe.mjs http://127.0.0.1:8080 [USER]
//
// USER names a member whose profile is checked too.
import { createRequire } from 'node:module';
import { checks, launch } from './lib.mjs';

const require = createRequire(import.meta.url);
const axePath = require.resolve('axe-core/axe.min.js');
const base = process.argv[2] ?? 'http://127.0.0.1:8080';
const user = process.argv[3];

const pages = [
  ['home', '/'],
  ['film', '/films/crossing-2008'],
  ['films', '/films'],
  ['person', '/people/kim-tae-kyun'],
  ['festival', '/events/idfa-2012'],
  ['whats-on', '/whats-on?from=2012-11-18&days=7'],
  ['search', '/search?q=%ED%81%AC%EB%A1%9C%EC%8B%B1'],
  ['thread', '/threads/1'],
  ['sign-up', '/sign-up'],
  ['change', '/changes/1'],
];
if (user) pages.push(['profile', `/users/${user}`]);

const browser = await launch();
const { check, finish } = checks();
const totals = {};
for (const [screen, viewport] of [['phone', { width: 390, height: 844 }], ['desktop', { width: 1366, height: 900 }]]) {
  for (const scheme of ['light', 'dark']) {
    const context = await browser.newContext({ viewport, colorScheme: scheme });
    const page = await context.newPage();
    for (const [name, path] of pages) {
      const response = await page.goto(base + path, { waitUntil: 'load' });
      check(response.status() === 200, `${screen} ${scheme} ${path} answers ${response.status()}`);
      await page.addScriptTag({ path: axePath });
      const violations = await page.evaluate(async () => {
        const result = await window.axe.run(document, {
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
        });
        return result.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          count: v.nodes.length,
          target: v.nodes[0]?.target?.join(' ') ?? '',
          summary: (v.nodes[0]?.failureSummary ?? '').split('\n').slice(0, 2).join(' '),
        }));
      });
      for (const v of violations) {
        totals[v.impact] = (totals[v.impact] ?? 0) + v.count;
        console.log(`     ${screen} ${scheme} ${name}: ${v.impact} ${v.id} ×${v.count} at ${v.target}: ${v.summary}`);
      }
      const grave = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      check(grave.length === 0, `${screen} ${scheme} ${path}: no serious or critical violation (${grave.map((v) => v.id).join(', ') || 'none'})`);
    }
    await context.close();
  }
}
console.log(`violations by impact, all pages and screens: ${JSON.stringify(totals)}`);
await finish(browser, 'no serious or critical accessibility violation');
