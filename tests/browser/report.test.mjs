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
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const REPO = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
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
  // The mouse reaches only what is in the viewport: bring the graph into it, and let the
  // scroll event reach cytoscape (it maps clicks through the container's cached position).
  await page.locator('#graph').scrollIntoViewIfNeeded();
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
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
  // Filtering the evidence by an object keeps exactly the rows on that object.
  const object = first.top_objects[0].object;
  await page.fill('#evidence-filter', object);
  const objects = await page.locator('#evidence-table tbody tr td:nth-child(2)').allTextContents();
  assert.ok(objects.length > 0 && objects.every((o) => o.includes(object)), 'only rows on the object');
  await page.fill('#evidence-filter', '');
  assert.equal(await page.locator('#rhythm svg rect').count(), 24);
  assert.ok(await page.locator('#timeline svg circle').count() > 0);
  assert.ok(await page.locator('#evidence-table tbody tr').count() > 0);
  await page.evaluate(() => document.getElementById('detail-title').scrollIntoView());
  await page.screenshot({ path: join(ARTIFACTS, 'report-demo.png') });
  await page.screenshot({ path: join(ARTIFACTS, 'report-demo-full.png'), fullPage: true });

  // Text meets WCAG AA contrast (4.5:1) everywhere it is drawn on a coloured background.
  for (const selector of ['header h1', 'header p', '.verdict', 'a[href]', '.muted', 'th', 'td', 'button', 'label']) {
    const ratios = await contrastRatios(page, selector);
    assert.ok(ratios.length > 0, `${selector} is on the page`);
    for (const r of ratios) { assert.ok(r.ratio >= 4.5, `${selector} "${r.text}" has contrast ${r.ratio.toFixed(2)}`); }
  }

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

  // Narratives are shown by their text.
  const withText = networks.find((n) => n.top_objects.some((o) => o.signal === 'text'));
  await page.evaluate((id) => window.lockstepReport.openNetwork(id), withText.id);
  const texts = await page.locator('#objects-table tbody tr').evaluateAll((rows) => rows
    .filter((r) => r.cells[0].textContent === 'text').map((r) => r.cells[1].textContent));
  assert.equal(texts.length, withText.top_objects.filter((o) => o.signal === 'text').length);
  for (const t of texts) { assert.match(t, /^\S.* \[narrative:\d+\]$/); }

  // Keyboard: focus the first row, move down, open with Enter.
  await page.locator('#network-table tbody tr').first().focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  assert.match(await page.locator('#detail-title').textContent(), new RegExp(`^Network ${networks[1].id} `));
  assert.equal(await page.evaluate(() => document.activeElement.id), 'detail-title', 'focus moves to the opened network');

  assert.deepEqual(problems.errors, []);
  assert.deepEqual(problems.requests, []);
  await page.close();
});

// WCAG contrast ratio of each element's text against its effective background (the first
// opaque background of it or an ancestor), computed in the page.
function contrastRatios(page, selector) {
  return page.locator(selector).evaluateAll((elements) => {
    const rgb = (css) => css.match(/[\d.]+/g).map(Number);
    const luminance = ([r, g, b]) => {
      const channel = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
      return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    return elements.map((e) => {
      let back = e;
      while (back && (getComputedStyle(back).backgroundColor === 'rgba(0, 0, 0, 0)' || getComputedStyle(back).backgroundColor === 'transparent')) { back = back.parentElement; }
      const bg = back ? rgb(getComputedStyle(back).backgroundColor) : [255, 255, 255];
      const [l1, l2] = [luminance(rgb(getComputedStyle(e).color)), luminance(bg)].sort((a, b) => b - a);
      return { text: e.textContent.slice(0, 40), ratio: (l1 + 0.05) / (l2 + 0.05) };
    });
  });
}

// A CSV field, quoted.
function field(value) {
  return '"' + String(value).replaceAll('"', '""') + '"';
}

test('the report opens on its findings, maps every network, downloads CSVs and prints', async () => {
  const dir = join(work, 'findings');
  execFileSync(BIN, ['demo', dir], { stdio: 'ignore' });
  const results = join(dir, 'results');
  const networks = JSON.parse(readFileSync(join(results, 'networks.json'), 'utf8')).networks;
  const { page, problems } = await openReport(join(results, 'report.html'));

  // The first section is the findings, and the headline and top networks are on the first screen.
  assert.equal(await page.locator('main > section').first().getAttribute('id'), 'findings');
  const cib = networks.filter((n) => n.verdict === 'likely_cib');
  const cibAccounts = cib.reduce((sum, n) => sum + n.size, 0);
  const headline = await page.locator('#headline').textContent();
  assert.ok(headline.startsWith(`${cib.length} network${cib.length === 1 ? '' : 's'} of ${networks.length} look`), headline);
  assert.ok(headline.includes(`with ${cibAccounts.toLocaleString('en')} account`), headline);
  const ranked = cib.concat(networks.filter((n) => n.verdict !== 'likely_cib')).slice(0, 5);
  const items = page.locator('#top-findings li');
  assert.equal(await items.count(), ranked.length);
  for (let k = 0; k < ranked.length; k++) {
    const text = await items.nth(k).textContent();
    assert.ok(text.startsWith(`Network ${ranked[k].id} ${ranked[k].verdict}`), text);
    assert.ok(ranked[k].summary.length > 0 && text.endsWith(ranked[k].summary), text);
  }
  for (const selector of ['#headline', '#top-findings li']) {
    const box = await page.locator(selector).first().boundingBox();
    assert.ok(box && box.y + box.height <= 1000, `${selector} is on the first screen`);
  }
  await page.screenshot({ path: join(ARTIFACTS, 'report-first-screen.png') });

  // The map holds every network, coloured by its verdict, and each account of each network.
  const colours = { likely_cib: 'rgb(179,38,30)', coordinated: 'rgb(107,78,0)', authentic_looking: 'rgb(30,107,58)' };
  const map = await page.evaluate(() => {
    const cy = window.lockstepReport.map();
    return cy.nodes().filter((n) => !n.data('parent')).map((n) => ({
      network: n.data('network'), colour: n.style('background-color').replaceAll(' ', ''), members: n.children().length
    }));
  });
  assert.equal(map.length, networks.length);
  for (const n of networks) {
    const drawn = map.find((m) => m.network === n.id);
    assert.ok(drawn, `network ${n.id} is on the map`);
    assert.equal(drawn.colour, colours[n.verdict]);
    assert.equal(drawn.members, n.size);
  }
  // Clicking a network on the map opens it, with its summary and signs.
  const opened = networks[1];
  await page.evaluate((id) => window.lockstepReport.map().getElementById('n' + id).emit('tap'), opened.id);
  await page.waitForSelector('#network-detail:not([hidden])');
  assert.match(await page.locator('#detail-title').textContent(), new RegExp(`^Network ${opened.id} `));
  assert.equal(await page.locator('#detail-reason').textContent(), opened.summary);
  assert.equal(await page.locator('#detail-signs li').count(), opened.signs.length);
  assert.equal(await page.locator('#detail-signs li.fired').count(), opened.signs.filter((s) => s.fired).length);

  // The method section is last and collapsed, and holds the input accounting and parameters.
  assert.equal(await page.locator('main > *').last().getAttribute('id'), 'method');
  assert.equal(await page.locator('#method').getAttribute('open'), null);
  assert.equal(await page.locator('#method-body .card h3').allTextContents().then((t) => t.includes('Parameters')), true);
  assert.equal(await page.locator('#method-body').isVisible(), false);

  // The members and evidence of the open network download as CSV files.
  const [members] = await Promise.all([page.waitForEvent('download'), page.click('#download-members')]);
  assert.equal(members.suggestedFilename(), `network-${opened.id}-members.csv`);
  const memberRows = parseCsv(readFileSync(await members.path(), 'utf8'));
  assert.deepEqual(memberRows[0], ['account_id', 'handle', 'network_id', 'verdict', 'role', 'inauthenticity', 'review_score', 'n_posts', 'reason', 'platform']);
  assert.deepEqual(memberRows.slice(1).map((r) => r[0]).sort(), [...opened.members].sort());
  assert.ok(memberRows.slice(1).every((r) => r[2] === String(opened.id) && r[3] === opened.verdict));
  const reasons = new Map(opened.roles.map((r) => [r.account, r.reason]));
  assert.ok(memberRows.slice(1).every((r) => r[8] === reasons.get(r[0]) && r[8].startsWith('Linked to ')));

  const [evidence] = await Promise.all([page.waitForEvent('download'), page.click('#download-evidence')]);
  const evidenceRows = parseCsv(readFileSync(await evidence.path(), 'utf8'));
  assert.deepEqual(evidenceRows[0].slice(0, 5), ['source', 'target', 'signal', 'object', 'text']);
  const shown = await page.evaluate(() => window.lockstepReport.evidenceCsv().split('\r\n').length - 2);
  assert.equal(evidenceRows.length - 1, shown);
  assert.ok(shown > 0);
  // Every downloaded row is a row of evidence.csv between two members of the network.
  const csvRows = new Set(parseCsv(readFileSync(join(results, 'evidence.csv'), 'utf8')).slice(1)
    .map((r) => [r[4], r[5]].sort().join(' ')));
  const inNetwork = new Set(opened.members);
  for (const r of evidenceRows.slice(1)) {
    assert.ok(inNetwork.has(r[0]) && inNetwork.has(r[1]), `${r[0]} and ${r[1]} are members`);
    assert.ok(csvRows.has([r[5], r[6]].sort().join(' ')), `posts ${r[5]} and ${r[6]} are in evidence.csv`);
  }

  // Printed, the page drops its controls and makes a clean PDF.
  await page.emulateMedia({ media: 'print' });
  for (const selector of ['.filters', '.pager', '.downloads']) {
    const displays = await page.locator(selector).evaluateAll((els) => els.map((e) => getComputedStyle(e).display));
    assert.ok(displays.length > 0 && displays.every((d) => d === 'none'), `${selector} is not printed`);
  }
  assert.equal(await page.locator('header').evaluate((e) => getComputedStyle(e).backgroundColor), 'rgba(0, 0, 0, 0)');
  await page.screenshot({ path: join(ARTIFACTS, 'report-print.png'), fullPage: true });
  const pdf = await page.pdf({ path: join(ARTIFACTS, 'report.pdf'), format: 'A4', printBackground: true });
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
  assert.ok(pages >= 2, `the PDF has ${pages} pages`);
  await page.emulateMedia({ media: 'screen' });

  assert.deepEqual(problems.errors, []);
  assert.deepEqual(problems.requests, []);
  await page.close();
});

// Parses CSV text with quoted fields (RFC 4180) into rows of fields.
function parseCsv(text) {
  const rows = [];
  let row = [];
  let value = '';
  let quoted = false;
  for (let k = 0; k < text.length; k++) {
    const c = text[k];
    if (quoted) {
      if (c === '"' && text[k + 1] === '"') { value += '"'; k++; } else if (c === '"') { quoted = false; } else { value += c; }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(value); value = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[k + 1] === '\n') { k++; }
      row.push(value); rows.push(row); row = []; value = '';
    } else {
      value += c;
    }
  }
  if (value !== '' || row.length) { row.push(value); rows.push(row); }
  return rows;
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
  const profiles = [['account_id', 'handle', 'display_name', 'created_at']].concat(hostile.map((account, i) =>
    [account, `<img src=x onerror="window.__pwned = ${10 + i}">`, `</script><script>alert(${20 + i})</script>`, '2024-08-30T00:00:00Z']));
  writeFileSync(join(dir, 'accounts.csv'), profiles.map((r) => r.map(field).join(',')).join('\n') + '\n');
  const out = join(dir, 'results');
  execFileSync(BIN, ['detect', join(dir, 'posts.csv'), '--accounts', join(dir, 'accounts.csv'), '--min-evidence', '--report', '--quiet', '--out', out]);
  const networks = JSON.parse(readFileSync(join(out, 'networks.json'), 'utf8')).networks;
  assert.equal(networks.length, 1, 'the four accounts form one network');

  const { page, problems } = await openReport(join(out, 'report.html'));
  await page.locator('#network-table tbody tr').first().click();
  for (let i = 0; i < hostile.length; i++) {
    await page.locator('#account-table tbody tr').nth(i).press('Enter');
  }
  // Hover and click every account in the graph (tooltip and panel show its handle).
  await page.locator('#graph').scrollIntoViewIfNeeded();
  const positions = await page.evaluate(() => {
    const box = document.getElementById('graph').getBoundingClientRect();
    return window.lockstepReport.graph().nodes().map((n) => ({ x: box.left + n.renderedPosition().x, y: box.top + n.renderedPosition().y }));
  });
  for (const p of positions) {
    await page.mouse.move(p.x, p.y);
    await page.mouse.click(p.x, p.y);
  }
  assert.match(await page.locator('#graph-tooltip').textContent(), /^<img src=x onerror=/);
  while (await page.locator('#evidence-next').isEnabled()) { await page.click('#evidence-next'); }

  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(problems.dialogs, []);
  const text = await page.locator('body').textContent();
  for (const h of hostile) { assert.ok(text.includes(h), `${h} is shown as text`); }
  assert.ok(text.includes('<img src=x onerror="window.__pwned = 10">'), 'handles are shown as text');
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

// A results directory with `count` networks of three accounts, written as FORMATS.md says.
function manyNetworks(dir, count) {
  mkdirSync(dir, { recursive: true });
  const networks = [];
  const accounts = ['account_id,network_id,score,role,verdict'];
  const edges = ['source,target,weight,signals,n_objects,network_id,p_value,leader'];
  const evidence = ['source,target,signal,object,source_post_id,target_post_id,source_time,target_time,lag_s'];
  for (let id = 1; id <= count; id++) {
    const members = ['a', 'b', 'c'].map((x) => `n${id}${x}`);
    const verdict = id % 3 ? 'coordinated' : 'likely_cib';
    networks.push({ id, size: 3, score: count + 1 - id, verdict, members, roles: [], signals: { hashtag: 3 },
      top_objects: [{ signal: 'hashtag', object: `tag${id}`, accounts: 3, coactions: 3 }],
      first_seen: '2024-09-02T10:00:00Z', last_seen: '2024-09-02T10:00:09Z' });
    members.forEach((m) => accounts.push(`${m},${id},1,peer,${verdict}`));
    [[0, 1], [1, 2], [0, 2]].forEach(([x, y]) => {
      edges.push(`${members[x]},${members[y]},1,hashtag,1,${id},0.001,`);
      evidence.push(`${members[x]},${members[y]},hashtag,tag${id},p${id}${x},p${id}${y},2024-09-02T10:00:00Z,2024-09-02T10:00:09Z,9`);
    });
  }
  writeFileSync(join(dir, 'run.json'), JSON.stringify({ tool: 'lockstep', version: 'test', input: {} }));
  writeFileSync(join(dir, 'networks.json'), JSON.stringify({ count, networks }));
  writeFileSync(join(dir, 'accounts.csv'), accounts.join('\n') + '\n');
  writeFileSync(join(dir, 'edges.csv'), edges.join('\n') + '\n');
  writeFileSync(join(dir, 'evidence.csv'), evidence.join('\n') + '\n');
}

test('thousands of networks are listed by pages and searched; one graph is built at a time', async () => {
  const dir = join(work, 'many');
  manyNetworks(dir, 3000);
  execFileSync(BIN, ['report', dir], { stdio: 'ignore' });
  const { page, problems } = await openReport(join(dir, 'report.html'));
  assert.equal(await page.locator('#network-table tbody tr').count(), 50);
  assert.equal(await page.locator('#network-page').textContent(), 'page 1 of 60');
  await page.click('#network-next');
  assert.equal(await page.locator('#network-table tbody tr').first().getAttribute('data-network'), '51');

  await page.selectOption('#verdict-filter', 'likely_cib');
  assert.equal(await page.locator('#match-count').textContent(), '1000 of 3000 networks');
  await page.selectOption('#verdict-filter', '');
  await page.fill('#search', 'tag2999');
  const shown = await page.locator('#network-table tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.network));
  assert.deepEqual(shown, ['2999']);
  await page.locator('#network-table tbody tr').first().press('Enter');
  const graph = await page.evaluate(() => ({ nodes: window.lockstepReport.graph().nodes().map((n) => n.data('label')).sort(), edges: window.lockstepReport.graph().edges().length }));
  assert.deepEqual(graph, { nodes: ['n2999a', 'n2999b', 'n2999c'], edges: 3 });
  const canvases = await page.locator('#graph canvas').count();
  assert.ok(canvases > 0);
  await page.evaluate(() => window.lockstepReport.openNetwork(7));
  assert.equal(await page.locator('#graph canvas').count(), canvases, 'the previous graph was replaced');
  assert.equal(await page.evaluate(() => window.lockstepReport.graph().nodes().length), 3);
  assert.equal(await page.locator('#evidence-table tbody tr').count(), 3);
  assert.deepEqual(problems.errors, []);
  await page.close();
});
