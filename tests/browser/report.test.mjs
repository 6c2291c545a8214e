// Browser tests of report.html: the demo report renders and responds, and hostile strings that
// went through the whole pipeline are shown as text, never run.
//
// Needs the release binary (cargo build --release) and Chromium (Debian: apt-get install
// chromium). LOCKSTEP_BIN and CHROMIUM override their paths.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const REPO = resolve(import.meta.dirname, '..', '..');
const BIN = process.env.LOCKSTEP_BIN || join(REPO, 'target', 'release', 'lockstep');
const ARTIFACTS = join(REPO, 'target', 'browser-artifacts');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];

let browser;
let work;

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'lockstep-browser-'));
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS });
});

after(async () => {
  if (browser) { await browser.close(); }
  rmSync(work, { recursive: true, force: true });
});

// Opens a report, recording console errors, page errors, dialogs and requests leaving file://.
async function openReport(path) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const problems = { errors: [], dialogs: [], requests: [] };
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') { problems.errors.push(m.text()); } });
  page.on('pageerror', (e) => problems.errors.push(String(e)));
  page.on('dialog', async (d) => { problems.dialogs.push(d.message()); await d.dismiss(); });
  page.on('request', (r) => { if (!r.url().startsWith('file://')) { problems.requests.push(r.url()); } });
  await page.goto(pathToFileURL(path).href);
  return { page, problems };
}

// The first table of a CSV file whose fields hold no commas (ids, numbers): header → values.
function simpleCsv(path) {
  const [header, ...lines] = readFileSync(path, 'utf8').trim().split('\n');
  const names = header.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [names[i], v])));
}

test('the demo report shows networks, graphs, evidence and search', async () => {
  const dir = join(work, 'demo');
  execFileSync(BIN, ['demo', dir], { stdio: 'ignore' });
  const results = join(dir, 'results');
  const networks = JSON.parse(readFileSync(join(results, 'networks.json'), 'utf8')).networks;
  const edges = simpleCsv(join(results, 'edges.csv'));
  const { page, problems } = await openReport(join(results, 'report.html'));

  const listed = await page.locator('#network-table tbody tr').count();
  assert.equal(listed, Math.min(50, networks.length));

  // Opening a network builds its graph with every member and internal edge.
  const first = networks[0];
  await page.locator('#network-table tbody tr').first().click();
  await page.waitForSelector('#network-detail:not([hidden])');
  const graph = await page.evaluate(() => ({
    nodes: window.lockstepReport.graph().nodes().length,
    edges: window.lockstepReport.graph().edges().length
  }));
  assert.equal(graph.nodes, first.size);
  assert.equal(graph.edges, edges.filter((e) => e.network_id === String(first.id)).length);

  // Clicking a node on the canvas shows that account and evidence with its neighbours only.
  const target = await page.evaluate(() => {
    const cy = window.lockstepReport.graph();
    const node = cy.nodes()[0];
    const box = document.getElementById('graph').getBoundingClientRect();
    const p = node.renderedPosition();
    return { x: box.left + p.x, y: box.top + p.y, label: node.data('label') };
  });
  await page.mouse.click(target.x, target.y);
  const heading = await page.locator('#account-panel h3').first().textContent();
  assert.ok(heading.includes(target.label), `${heading} names ${target.label}`);
  const account = networks[0].members.find((m) => heading.includes(m));
  assert.ok(account, `${heading} names a member of network 1`);
  const neighbours = new Set(edges.flatMap((e) => (e.source === account ? [e.target] : e.target === account ? [e.source] : [])));
  const partners = await page.locator('#account-panel table.account-evidence tbody tr td:first-child').allTextContents();
  assert.ok(partners.length > 0, 'the account has evidence rows');
  for (const p of partners) {
    assert.ok([...neighbours].some((n) => p.includes(n)), `${p} is linked to ${account}`);
  }
  assert.equal(await page.locator('#rhythm svg rect').count(), 24);
  assert.ok(await page.locator('#timeline svg circle').count() > 0);
  assert.ok(await page.locator('#evidence-table tbody tr').count() > 0);
  await page.screenshot({ path: join(ARTIFACTS, 'report-demo.png'), fullPage: false });

  // Searching for an account of the third network lists exactly the networks it belongs to.
  const member = networks[2].members[0];
  await page.fill('#search', member);
  const shown = (await page.locator('#network-table tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.network))).map(Number);
  assert.deepEqual(shown, networks.filter((n) => n.members.includes(member)).map((n) => n.id));
  await page.fill('#search', 'no such account or object anywhere');
  assert.equal(await page.locator('#network-table tbody tr').count(), 0);
  await page.fill('#search', '');

  // Filtering by verdict.
  const verdict = networks[0].verdict;
  await page.selectOption('#verdict-filter', verdict);
  const verdicts = await page.locator('#network-table tbody tr .verdict').allTextContents();
  assert.equal(verdicts.length, Math.min(50, networks.filter((n) => n.verdict === verdict).length));
  assert.ok(verdicts.every((v) => v === verdict));
  await page.selectOption('#verdict-filter', '');

  // Keyboard: focus the first row, move down, open with Enter.
  await page.locator('#network-table tbody tr').first().focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  assert.match(await page.locator('#detail-title').textContent(), new RegExp(`^Network ${networks[1].id} `));

  assert.deepEqual(problems.errors, []);
  assert.deepEqual(problems.requests, []);
  await page.close();
});

// A CSV field, quoted.
function field(value) {
  return '"' + String(value).replaceAll('"', '""') + '"';
}

test('hostile account ids, texts, URLs and hashtags are shown as text and never run', async () => {
  const hostile = [
    '<script>window.__pwned = 1; alert(1)</script>',
    '"><img src=x onerror="window.__pwned = 2; alert(2)">',
    'javascript:window.__pwned = 3; alert(3)',
    "'><svg onload=alert(4)>"
  ];
  const rows = [['post_id', 'account_id', 'timestamp', 'text', 'urls', 'hashtags', 'reshare_of']];
  const start = Date.parse('2024-09-02T08:00:00Z');
  for (let round = 0; round < 8; round++) {
    hostile.forEach((account, i) => {
      rows.push([
        `p${round}-${i}`,
        account,
        new Date(start + round * 3_600_000 * 5 + i * 20_000).toISOString(),
        `round ${round} <img src=x onerror="window.__pwned = 5"> says the same thing`,
        `https://example.org/${round}?q="><script>alert(6)</script> javascript:alert(7)`,
        `<b>tag${round}</b>`,
        round % 2 ? `javascript:window.__pwned=${round}` : `"><img src=x onerror=alert(${round})>`
      ]);
    });
  }
  const dir = join(work, 'hostile');
  mkdirSync(dir);
  writeFileSync(join(dir, 'posts.csv'), rows.map((r) => r.map(field).join(',')).join('\n') + '\n');
  const out = join(dir, 'results');
  execFileSync(BIN, ['detect', join(dir, 'posts.csv'), '--min-evidence', '--report', '--quiet', '--out', out]);
  const networks = JSON.parse(readFileSync(join(out, 'networks.json'), 'utf8')).networks;
  assert.equal(networks.length, 1, 'the four accounts form one network');

  const { page, problems } = await openReport(join(out, 'report.html'));
  await page.locator('#network-table tbody tr').first().click();
  for (let i = 0; i < hostile.length; i++) {
    await page.locator('#account-table tbody tr').nth(i).press('Enter');
  }
  await page.locator('#graph').hover();
  while (await page.locator('#evidence-next').isEnabled()) { await page.click('#evidence-next'); }

  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(problems.dialogs, []);
  const text = await page.locator('body').textContent();
  for (const h of hostile) { assert.ok(text.includes(h), `${h} is shown as text`); }
  assert.equal(await page.locator('img, svg[onload], [onerror]').count(), 0);
  const hrefs = await page.locator('a[href]').evaluateAll((links) => links.map((a) => a.href));
  assert.ok(hrefs.length > 0, 'the shared URLs are links');
  for (const href of hrefs) { assert.match(href, /^https:\/\/example\.org\//); }
  const cells = await page.locator('td').evaluateAll((tds) => tds.filter((td) => td.textContent.startsWith('javascript:')).map((td) => td.querySelector('a') !== null));
  assert.ok(cells.length > 0 && cells.every((linked) => !linked), 'javascript: objects are not links');
  await page.screenshot({ path: join(ARTIFACTS, 'report-hostile.png') });
  assert.deepEqual(problems.errors, []);
  assert.deepEqual(problems.requests, []);
  await page.close();
});
