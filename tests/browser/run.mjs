// Browser tests of the annosearch web interface (docs/web-interface.md).
//
//   node tests/browser/run.mjs ANNOSEARCH_BIN CORPUS_DIR [SCREENSHOT_DIR]
//
// Builds the seed index (CORPUS_DIR) into a temporary directory, starts `annosearch serve` on
// 127.0.0.1 on a free port, drives Debian's /usr/bin/chromium headless through playwright-core
// (tests/browser/setup.sh installs it) and walks what a researcher does: search, paging and the
// back button, article level, the document view, two themes and an actor from the facets, a
// shared URL reloaded, the chip removed, the timeline (counts and shares) and a bar, the
// concordance and its sort, entity pages, a comparison, unknown and ambiguous actors, markup in
// queries, keyboard use, export links, phone width, and an axe-core accessibility audit. The
// expected values come from the same binary's command line JSON (`search --format json`, ...),
// computed here independently of the page, and from hand counts on the seed (noted where used). A
// screenshot of each step goes to SCREENSHOT_DIR (default: ./browser-screenshots). Prints
// `N passed, M failed` last; exits 1 on any failure. Bounded: every wait has a timeout and the
// whole run is killed after 220 s.
import {execFileSync, spawn} from 'node:child_process';
import fs from 'node:fs';
import {createRequire} from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);
const [bin, corpus, shotArg] = process.argv.slice(2);
if (!bin || !corpus) {
  console.error('usage: node run.mjs ANNOSEARCH_BIN CORPUS_DIR [SCREENSHOT_DIR]');
  process.exit(2);
}
let chromium;
try {
  ({chromium} = require('playwright-core'));
} catch (e) {
  console.error(
      'browser test: playwright-core is not installed; run tests/browser/setup.sh (npm ci)');
  process.exit(1);
}
const chromiumPath = process.env.ANNOSEARCH_CHROMIUM || '/usr/bin/chromium';
if (!fs.existsSync(chromiumPath)) {
  console.error(
      `browser test: no browser at ${chromiumPath}; install Debian's chromium (tools/setup.sh)`);
  process.exit(1);
}

const shotDir = path.resolve(shotArg || 'browser-screenshots');
fs.mkdirSync(shotDir, {recursive: true});
for (const f of fs.readdirSync(shotDir))
  if (f.endsWith('.png')) fs.rmSync(path.join(shotDir, f));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'annosearch-browser-'));
const indexDir = path.join(tmp, 'idx');
// Generous for a loaded 2-core machine running the other tests beside this one (ctest -j2, ASan).
const STEP_TIMEOUT = 30000;

let server = null;
let browser = null;
const hardStop = setTimeout(() => {
  console.error('browser test: took more than 220 s; stopping');
  cleanup().finally(() => process.exit(1));
}, 220000);

async function cleanup() {
  try {
    if (browser) await browser.close();
  } catch (e) { /* already gone */
  }
  browser = null;
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    const gone = await Promise.race([
      new Promise((r) => server.once('exit', () => r(true))),
      new Promise((r) => setTimeout(() => r(false), 5000))
    ]);
    if (!gone) server.kill('SIGKILL');
  }
  server = null;
  fs.rmSync(tmp, {recursive: true, force: true});
}

// ---- the command line, for expected values ------------------------------------------------
function cli(...args) {
  return execFileSync(
      bin, args, {encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 26});
}
function cliJson(cmd, ...args) {
  return JSON.parse(cli(cmd, '--index', indexDir, '--format', 'json', ...args));
}

// ---- the server ---------------------------------------------------------------------------
function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const {port} = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function startServer() {
  const port = await freePort();
  const log = fs.openSync(path.join(shotDir, 'server.log'), 'w');
  server = spawn(
      bin, ['serve', '--index', indexDir, '--bind', '127.0.0.1', '--port', String(port)],
      {stdio: ['ignore', log, log]});
  const base = `http://127.0.0.1:${port}`;
  const until = Date.now() + 20000;
  while (Date.now() < until) {
    if (server.exitCode !== null)
      throw new Error(
          `annosearch serve exited with ${server.exitCode} (see ${shotDir}/server.log)`);
    try {
      const r = await fetch(`${base}/api/stats`);
      if (r.ok) return base;
    } catch (e) { /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`annosearch serve did not answer on ${base} within 20 s`);
}

// ---- checks -------------------------------------------------------------------------------
let passed = 0;
let failed = 0;
let shotNo = 0;
function eq(actual, expected, what) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${what}: expected ${e}, got ${a}`);
}
function ok(cond, what) {
  if (!cond) throw new Error(what);
}

// One step: a check that passes or fails, and its screenshot. A step that goes on after the view
// worth seeing (back, a click away) takes it at that moment with shot(); else it is taken at the
// end (also when the step failed, to see why).
async function step(name, page, fn) {
  const t0 = Date.now();
  shotNo++;
  const file = path.join(
      shotDir, `${String(shotNo).padStart(2, '0')}-${name.replace(/[^a-z0-9]+/gi, '-')}.png`);
  let taken = false;
  const shot = async () => {
    taken = true;
    await page.screenshot({path: file, fullPage: true, timeout: STEP_TIMEOUT});
  };
  try {
    await fn(shot);
    passed++;
    console.log(`ok   ${name} (${Date.now() - t0} ms)`);
  } catch (e) {
    failed++;
    taken = false;
    console.log(`FAIL ${name}: ${e.message.split('\n')[0]}`);
  }
  if (taken) return;
  try {
    await shot();
  } catch (e) {
    console.log(`     (no screenshot: ${e.message.split('\n')[0]})`);
  }
}

// The page sets body[data-ready] to a new number when a view is drawn; wait for the next one.
async function readyMark(page) {
  return page.evaluate(() => document.body.dataset.ready || '');
}
async function settled(page, before) {
  await page.waitForFunction(
      (b) => document.body.dataset.ready && document.body.dataset.ready !== b &&
          document.getElementById('panel').getAttribute('aria-busy') === 'false',
      before, {timeout: STEP_TIMEOUT});
}
async function act(page, fn) {
  const before = await readyMark(page);
  await fn();
  await settled(page, before);
}
async function open(page, url) {
  await page.goto(url, {timeout: STEP_TIMEOUT});
  await page.waitForFunction(
      () => document.body.dataset.ready &&
          document.getElementById('panel').getAttribute('aria-busy') === 'false',
      null, {timeout: STEP_TIMEOUT});
}
const text = (page, sel) => page.locator(sel).first().innerText({timeout: STEP_TIMEOUT});
const texts = (page, sel) => page.locator(sel).allInnerTexts();
const params = (page) => new URL(page.url()).searchParams;
// The total in the results heading ("21 passages" or "54 passages, 1–10 shown").
async function shownTotal(page) {
  const m = /^([0-9,]+) (passage|article)s?\b/.exec(await text(page, '#panel h2'));
  return m ? Number(m[1].replace(/,/g, '')) : null;
}
const plural = (n, unit) => `${n.toLocaleString('en-US')} ${unit}${n === 1 ? '' : 's'}`;

// What a reloaded or shared view must show again.
async function viewSignature(page) {
  return page.evaluate(
      () => ({
        q: document.getElementById('q').value,
        heading: (document.querySelector('#panel h2') || {}).textContent || '',
        tab: (document.querySelector('[role=tab][aria-selected=true]') || {}).id || '',
        chips: [...document.querySelectorAll('#chips .chip')].map((c) => c.textContent),
        checked: [...document.querySelectorAll('#facet-body input[type=checkbox]:checked')].map(
            (c) => c.id),
        hits: [...document.querySelectorAll('.hit .meta')].map((m) => m.textContent),
        level: (document.querySelector('input[name=level]:checked') || {}).value,
      }));
}

// ---- the walk -------------------------------------------------------------------------------
async function main() {
  cli('build', '--index', indexDir, corpus);
  // Hand-checked on the seed (corpus/: one CABAR.asia article of 54 passages): Emomali Rahmon is
  // mentioned in passages 1, 19, 27 and 28; two passages mention a date in November 2021.
  const stats = cliJson('stats');
  eq(stats.passages, 54, 'seed passages (hand count)');

  const Q = 'Tajikistan';
  const RAHMON = 'emomali-rahmon';
  const all = cliJson('search', Q, '--level', 'passage', '--limit', '0', '--facets', 'actor,theme');
  const withRahmon = cliJson(
      'search', Q, '--level', 'passage', '--actor-any', RAHMON, '--limit', '0', '--facets',
      'actor,theme');
  const tlMentioned = cliJson('timeline', Q, '--level', 'passage', '--mentioned-dates');
  const tlShare = cliJson('timeline', Q, '--level', 'passage', '--mentioned-dates', '--normalize');
  const nov = cliJson('search', Q, '--level', 'passage', '--when', '2021-11', '--limit', '0');
  const kwicDate = cliJson('kwic', Q, '--level', 'passage', '--when', '2021-11', '--width', '50');
  const kwicLeft = cliJson(
      'kwic', Q, '--level', 'passage', '--when', '2021-11', '--width', '50', '--sort', 'left');
  const ent = cliJson('entities', 'Рахмон');
  const co = cliJson('cooccur', RAHMON, '--level', 'passage', '--limit', '20');
  const cmp = cliJson('compare', 'Rahmon', 'Putin', '--level', 'passage');
  const page2 = cliJson('search', '--level', 'passage', '--limit', '10', '--offset', '10');
  const articles = cliJson('search', Q, '--level', 'article', '--limit', '0');
  const firstHit = cliJson('search', Q, '--level', 'passage', '--limit', '1').hits[0];
  const firstRef = `${firstHit.id}#${firstHit.passage.n}`;
  const shown = cliJson('show', firstRef, '--context', '2');
  const twoThemes = cliJson(
      'search', Q, '--level', 'passage', '--theme-any', 'trade', '--theme-any', 'energy', '--limit',
      '0', '--facets', 'theme');
  const theme = (d, id) => (d.facets.theme.find((t) => t.id === id) || {count: 0}).count;
  ok(all.total > withRahmon.total && withRahmon.total > 0, 'the seed query narrows with Rahmon');

  // ANNOSEARCH_BROWSER_BASE_URL: drive a server already running on an index built from the same
  // corpus (for debugging the page); by default the test starts its own.
  const base = process.env.ANNOSEARCH_BROWSER_BASE_URL || await startServer();
  // A fresh profile (user data dir) in the temporary directory, removed at the end.
  browser = await chromium.launchPersistentContext(path.join(tmp, 'profile'), {
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'
    ],
    viewport: {width: 1280, height: 900},
    timeout: 30000,
  });
  const context = browser;
  // No request may leave the server under test (no CDN, no network).
  const foreign = [];
  await context.route('**/*', (route) => {
    const u = route.request().url();
    if (u.startsWith(base) || u.startsWith('data:')) return route.continue();
    foreign.push(u);
    return route.abort();
  });
  const page = await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.setDefaultTimeout(STEP_TIMEOUT);

  await step('home page loads every passage', page, async () => {
    await open(page, base + '/');
    eq(await text(page, '#panel h2'), `${plural(stats.passages, 'passage')}, 1–10 shown`,
       'results heading');
    eq(await page.locator('.hit').count(), 10, 'hits on the first page');
    ok((await text(page, '#index-info')).includes('54 passages'), 'index statistics in the footer');
  });

  const hitRefs = (p) =>
      p.locator('.hit .meta').evaluateAll((els) => els.map((e) => e.textContent.split(' · ')[2]));
  await step('next page, then back', page, async (shot) => {
    await act(page, () => page.getByRole('link', {name: 'Next →'}).click());
    eq(params(page).get('page'), '2', 'page in the URL');
    eq(await hitRefs(page), page2.hits.map((h) => `${h.id}#${h.passage.n}`),
       'hits of page 2 = search --offset 10');
    await shot();
    await act(page, () => page.goBack());
    eq(params(page).get('page'), null, 'back on page 1');
    eq((await hitRefs(page))[0], 'cabar-2021-12-tajikistan-taliban#1', 'first passage again');
  });

  await step('search', page, async () => {
    await page.locator('#q').fill(Q);
    await act(page, () => page.locator('#q').press('Enter'));
    eq(params(page).get('q'), Q, 'query in the URL');
    eq(await shownTotal(page), all.total, `heading shows ${all.total} passages`);
    const marks = await texts(page, '.hit .passage mark');
    ok(marks.length > 0 && marks.every((m) => m.toLowerCase().includes('tajikistan')),
       `highlights are the query word (${marks.slice(0, 3)})`);
    eq(await text(page, 'label[for=facet-theme-diplomacy] .count'), String(theme(all, 'diplomacy')),
       'Diplomacy count before');
  });

  await step('article level and back', page, async (shot) => {
    await act(page, () => page.getByLabel('Articles').check());
    eq(params(page).get('level'), 'article', 'level in the URL');
    eq(await text(page, '#panel h2'), plural(articles.total, 'article'), 'article count');
    eq(articles.total, 1, 'the seed is one article (hand count)');
    await shot();
    await act(page, () => page.getByLabel('Passages').check());
    eq(params(page).get('level'), null, 'passage level is the default');
  });

  await step('open a result: the document view', page, async (shot) => {
    await act(page, () => page.locator('.hit h3 a').first().click());
    eq(params(page).get('tab'), 'doc', 'tab in the URL');
    eq(params(page).get('doc'), firstRef, 'the passage in the URL');
    eq(await text(page, '#doc-h'), shown.title, 'document title');
    const focus = shown.passages.find((p) => p.focus);
    const marks = await page.locator('.doc-passage.focus a.mention').allInnerTexts();
    eq(marks, focus.mentions.map((m) => m.text), 'mentions of the passage = show --format json');
    eq(await page.locator('.doc-passage').count(), shown.passages.length, 'passages with context');
    await shot();
    await act(page, () => page.goBack());
    eq(params(page).get('tab'), null, 'back to the results');
  });

  await step('two themes of the facet combine with OR', page, async (shot) => {
    await act(page, () => page.locator('#facet-theme-trade').check());
    await act(page, () => page.locator('#facet-theme-energy').check());
    eq(params(page).getAll('theme_any'), ['trade', 'energy'], 'theme_any in the URL');
    eq(await shownTotal(page), twoThemes.total,
       'total = search --theme-any trade --theme-any energy');
    ok(twoThemes.total > theme(all, 'trade') || twoThemes.total > theme(all, 'energy'),
       'more than either theme alone');
    eq(await page.locator('#chips .chip:not(.clear)').count(), 2, 'two theme chips');
    await shot();
    await act(
        page, () => page.getByRole('button', {name: 'Remove filter any theme: Trade'}).click());
    await act(
        page, () => page.getByRole('button', {name: 'Remove filter any theme: Energy'}).click());
    eq(params(page).getAll('theme_any'), [], 'themes removed');
  });

  await step('click an actor facet: the counts change', page, async () => {
    await act(page, () => page.locator(`#facet-actor-${RAHMON}`).check());
    eq(params(page).getAll('actor_any'), [RAHMON], 'actor_any in the URL');
    eq(await shownTotal(page), withRahmon.total, `heading shows ${withRahmon.total}`);
    eq(await text(page, 'label[for=facet-theme-diplomacy] .count'),
       String(theme(withRahmon, 'diplomacy')), 'Diplomacy count after');
    eq(await texts(page, '#chips .chip'), ['any actor: Emomali Rahmon×'], 'the chip');
    ok(await page.locator(`#facet-actor-${RAHMON}`).isChecked(), 'the facet stays checked');
    eq(await page.evaluate(() => document.activeElement.id), `facet-actor-${RAHMON}`,
       'the focus stays on the checkbox');
  });

  let sharedUrl = '';
  let sharedView = null;
  await step('reload a shared URL: the same view', page, async () => {
    sharedUrl = page.url();
    sharedView = await viewSignature(page);
    await page.reload();
    await page.waitForFunction(() => document.body.dataset.ready, null, {timeout: STEP_TIMEOUT});
    await page.waitForFunction(
        () => document.getElementById('panel').getAttribute('aria-busy') === 'false');
    eq(await viewSignature(page), sharedView, 'view after reload');
    const other = await context.newPage();
    await open(other, sharedUrl);
    eq(await viewSignature(other), sharedView, 'view in a new tab from the shared URL');
    await other.close();
  });

  await step('remove the chip', page, async () => {
    await act(
        page,
        () => page.getByRole('button', {name: /Remove filter any actor: Emomali Rahmon/}).click());
    eq(params(page).getAll('actor_any'), [], 'actor_any gone from the URL');
    eq(await page.locator('#chips .chip').count(), 0, 'no chip');
    eq(await shownTotal(page), all.total, 'total back');
    eq(await text(page, 'label[for=facet-theme-diplomacy] .count'), String(theme(all, 'diplomacy')),
       'Diplomacy count back');
  });

  await step('open the timeline', page, async () => {
    await act(page, () => page.getByRole('tab', {name: 'Timeline'}).click());
    eq(params(page).get('tab'), 'timeline', 'tab in the URL');
    await act(page, () => page.locator('#tl-dates').selectOption('mentioned'));
    const bars =
        await page.locator('.bars .bar-cell')
            .evaluateAll(
                (els) => els.map(
                    (e) =>
                        [e.dataset.bucket, e.querySelector('.bar-count').firstChild.textContent]));
    eq(bars, tlMentioned.buckets.map((b) => [b.bucket, String(b.count)]),
       'bars = timeline --mentioned-dates');
    // As a share of all passages of each month (--normalize).
    await act(page, () => page.locator('#tl-norm').check());
    eq(params(page).get('tl_norm'), '1', 'normalize in the URL');
    const shares =
        await page.locator('.bars .bar-cell')
            .evaluateAll(
                (els) => els.map((e) => e.querySelector('.bar-count').firstChild.textContent));
    // Percentages as shown (rounded), against the shares of `timeline --normalize`.
    eq(shares.length, tlShare.buckets.length, 'one bar per bucket');
    tlShare.buckets.forEach((b, k) => {
      ok(/^[0-9.]+%$/.test(shares[k]) && Math.abs(parseFloat(shares[k]) - 100 * b.share) <= 0.5,
         `${b.bucket}: ${shares[k]} for a share of ${b.share}`);
    });
    await act(page, () => page.locator('#tl-norm').uncheck());
  });

  await step('click a timeline bar: filtered to that month', page, async () => {
    await act(page, () => page.locator('.bars .bar-cell[data-bucket="2021-11"]').click());
    eq(params(page).get('when'), '2021-11', 'when in the URL');
    eq(params(page).get('tab'), null, 'back on the results tab');
    eq(await shownTotal(page), nov.total, `heading shows ${nov.total}`);
    eq(nov.total, 2, 'two passages mention November 2021 (hand count)');
    eq(await texts(page, '#chips .chip'), ['mentions date: 2021-11×'], 'the date chip');
  });

  await step('open the concordance', page, async () => {
    await act(page, () => page.getByRole('tab', {name: 'Concordance'}).click());
    eq(await page.locator('table.kwic tbody tr').count(), kwicDate.count, 'kwic lines');
    eq(await texts(page, 'table.kwic td.kw'), kwicDate.lines.map((l) => l.keyword),
       'keywords in date order');
  });

  await step('sort the concordance by left context', page, async () => {
    await act(page, () => page.getByRole('link', {name: /Sort by Left context/}).click());
    eq(params(page).get('ksort'), 'left', 'sort in the URL');
    const lefts = await page.locator('table.kwic td.left')
                      .evaluateAll((els) => els.map((e) => e.textContent));
    eq(lefts, kwicLeft.lines.map((l) => l.left), 'left contexts = kwic --sort left');
  });

  await step('open an entity page (Cyrillic alias)', page, async () => {
    await act(page, () => page.getByRole('tab', {name: 'Entity'}).click());
    await page.locator('#entity-q').fill('Рахмон');
    // Names are offered while typing (a datalist from /api/entities).
    await page.waitForFunction(
        () => document.querySelector('#entity-q-list option[value="emomali-rahmon"]'), null,
        {timeout: STEP_TIMEOUT});
    await act(page, () => page.locator('#entity-q').press('Enter'));
    eq(ent.entities[0].id, RAHMON, 'the CLI resolves the alias');
    eq(await text(page, '#entity-h'), 'Emomali Rahmon', 'entity heading');
    ok((await text(page, '.aliases')).includes('Эмомалӣ Раҳмон'), 'Tajik-script alias listed');
    ok((await text(page, '.aliases')).includes('Rakhmon'), 'Latin alias listed');
    ok((await text(page, '.relations')).includes('Tajikistan'), 'relation to Tajikistan');
    ok((await text(page, '#panel .meta')).includes(plural(ent.entities[0].passages, 'passage')),
       'passage count');
    eq(ent.entities[0].passages, 4, 'Rahmon in 4 passages (hand count)');
    const rows =
        await page.locator('table.cooccur tbody tr')
            .evaluateAll(
                (trs) => trs.map((tr) => [tr.cells[0].textContent, tr.cells[4].textContent]));
    eq(rows, co.partners.map((p) => [p.name, p.llr.toFixed(2)]), 'co-occurring actors with LLR');
  });

  await step(
      'entity lookup: a name opens its page, a prefix lists candidates', page, async (shot) => {
        // "Islamic State" is one entity's name and the start of another's (CLI: via name, prefix).
        const named = cliJson('entities', 'Islamic State').entities;
        eq(named.map((e) => e.via), ['name', 'prefix'], 'the CLI finds a name and a prefix');
        await open(page, `${base}/?tab=entity&entity=${encodeURIComponent('Islamic State')}`);
        eq(await text(page, '#entity-h'), named[0].name, 'the named entity\'s page');
        const prefix = cliJson('entities', 'Islamic').entities;
        await open(page, `${base}/?tab=entity&entity=Islamic`);
        eq(await page.locator('.entity-list li a').allInnerTexts(), prefix.map((e) => e.name),
           'candidates = entities Islamic');
        await shot();
      });

  await step('compare two actors', page, async () => {
    // From a fresh page: the compare view applies the current filters, and the CLI ran without.
    await open(page, `${base}/`);
    await act(page, () => page.getByRole('tab', {name: 'Compare'}).click());
    await page.locator('#cmp-a').fill('Rahmon');
    await page.locator('#cmp-b').fill('Putin');
    await act(page, () => page.locator('#cmp-b').press('Enter'));
    const counts = await texts(page, '.compare-col .big');
    eq(counts, cmp.columns.map((c) => plural(c.count, 'passage')), 'counts per column');
  });

  await step('unknown actor shows the closest names', page, async (shot) => {
    await open(page, `${base}/?actor=Rahmonov`);
    const err = await text(page, '#error');
    ok(err.includes('unknown actor "Rahmonov"'), `error names the actor: ${err}`);
    await shot();
    await act(page, () => page.getByRole('link', {name: /Use Emomali Rahmon/}).click());
    eq(params(page).getAll('actor'), [RAHMON], 'suggestion replaces the actor');
    ok(await page.locator('#error').isHidden(), 'error gone');
    eq(await shownTotal(page), 4, 'Rahmon\'s 4 passages');
    // The same name as a field of the query: the suggestion rewrites the field.
    await open(page, `${base}/?q=${encodeURIComponent('actor:Rahmonov refugees')}`);
    await act(page, () => page.getByRole('link', {name: /Use Emomali Rahmon/}).click());
    eq(params(page).get('q'), `actor:${RAHMON} refugees`, 'the query\'s field rewritten');
  });

  await step('a year typed as a word: a note names the date filters', page, async () => {
    await open(page, `${base}/?q=${encodeURIComponent('Taliban 2021')}`);
    const notes = await texts(page, '#panel p.note');
    ok(notes.some((n) => n.startsWith('2021 is searched as a word') && n.includes('date:2021')),
       `the note is shown: ${notes}`);
    for (const tab of ['timeline', 'kwic']) {
      await open(page, `${base}/?q=${encodeURIComponent('Taliban 2021')}&tab=${tab}`);
      eq(await page.locator(`#${tab}-h`).count(), 1, `the ${tab} tab is open`);
      const tabNotes = await texts(page, '#panel p.note');
      ok(tabNotes.some((n) => n.startsWith('2021 is searched as a word')),
         `the ${tab} tab shows it too: ${tabNotes}`);
    }
  });

  await step('ambiguous actor: choose one of the candidates', page, async (shot) => {
    // Hand-checked: "Afghan" is an alias of the country and of the people.
    await open(page, `${base}/?actor=Afghan`);
    ok((await text(page, '#error')).includes('Which one do you mean'), 'asks which one');
    const choices = await page.locator('#error .suggestions a').allInnerTexts();
    eq(choices.length, 2, `two candidates (${choices})`);
    ok(choices.some((c) => c.includes('(afghanistan)')) &&
           choices.some((c) => c.includes('(afghans)')),
       'the country and the people');
    await shot();
    await act(page, () => page.locator('#error .suggestions a', {hasText: '(afghans)'}).click());
    eq(params(page).getAll('actor'), ['afghans'], 'the chosen id in the URL');
  });

  await step('API text is never HTML', page, async (shot) => {
    const noInjection = () => page.evaluate(
        () => window.__xss === undefined && !document.querySelector('#main img, #error img'));
    // In an error message (an unbalanced quote: the API echoes nothing but a position).
    const evil = '<img src=x onerror="window.__xss=1">"zebra';
    await open(page, `${base}/?q=${encodeURIComponent(evil)}`);
    eq(await noInjection(), true, 'no injected element (error)');
    eq(await page.locator('#q').inputValue(), evil, 'query shown as typed');
    // A query the API accepts and echoes back (the concordance heading names its target).
    const echoed = '<img src=x onerror=window.__xss=1> Tajikistan';
    await open(page, `${base}/?tab=kwic&q=${encodeURIComponent(echoed)}`);
    eq(await noInjection(), true, 'no injected element (concordance)');
    ok((await text(page, '#kwic-h')).includes('<img src=x onerror=window.__xss=1>'),
       'the markup shown as text in the heading');
    await shot();
  });

  await step('keyboard: / focuses the search, arrows move between tabs', page, async () => {
    await open(page, `${base}/?q=${Q}`);
    await page.locator('body').click({position: {x: 5, y: 5}});
    await page.keyboard.press('/');
    eq(await page.evaluate(() => document.activeElement.id), 'q', 'focus after /');
    await page.locator('#tab-results').focus();
    await act(page, () => page.keyboard.press('ArrowRight'));
    eq(await page.evaluate(() => document.activeElement.id), 'tab-timeline',
       'focus moved to the next tab');
    eq(params(page).get('tab'), 'timeline', 'and it is shown');
    // Every control has an accessible name.
    const unnamed = await page.evaluate(
        () => [...document.querySelectorAll('button, a[href], input, select')]
                  .filter((e) => e.offsetParent !== null)
                  .filter(
                      (e) =>
                          !(e.getAttribute('aria-label') || e.textContent.trim() ||
                            (e.id && document.querySelector(`label[for="${e.id}"]`)) ||
                            e.closest('label')))
                  .map((e) => e.outerHTML.slice(0, 80)));
    eq(unnamed, [], 'controls without a name');
  });

  await step('export links carry the query', page, async () => {
    await open(page, `${base}/?q=${Q}&when=2021-11`);
    const href = await page.locator('#export-csv').getAttribute('href');
    const u = new URL(href, base);
    eq(
        [
          u.pathname, u.searchParams.get('q'), u.searchParams.get('when'),
          u.searchParams.get('format')
        ],
        ['/api/export', Q, '2021-11', 'csv'], 'CSV link');
    const r =
        await page.request.get(base + (await page.locator('#export-jsonl').getAttribute('href')));
    eq(r.status(), 200, 'export answers');
    const lines = (await r.text()).split('\n').filter((l) => l.trim() !== '');
    eq(lines.length - 1, nov.total, 'JSON Lines: header and one line per passage');
  });

  const phone = await context.newPage();
  await phone.setViewportSize({width: 390, height: 844});
  await step('phone width (390 px): readable, no sideways scroll', phone, async () => {
    await open(phone, sharedUrl);
    eq(await viewSignature(phone), sharedView, 'same view at 390 px');
    const over = await phone.evaluate(() => document.documentElement.scrollWidth);
    ok(over <= 390, `page is ${over} px wide`);
    ok(await phone.locator('#q').isVisible(), 'search box visible');
  });
  await step('phone width: timeline', phone, async () => {
    await open(phone, `${base}/?tab=timeline&tl_dates=mentioned`);
    const over = await phone.evaluate(() => document.documentElement.scrollWidth);
    ok(over <= 390, `page is ${over} px wide`);
  });

  await step('accessibility audit (axe-core, WCAG 2.1 A/AA) of every view', page, async () => {
    const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
    const views = [
      ['/?q=Tajikistan&actor_any=emomali-rahmon&theme_any=trade', 1280],
      ['/?tab=timeline&tl_dates=mentioned&tl_by=day', 1280], ['/?q=Tajikistan&tab=kwic', 1280],
      ['/?tab=entity&entity=emomali-rahmon', 1280], ['/?tab=compare&cmp=Rahmon&cmp=Putin', 1280],
      [`/?tab=doc&doc=${encodeURIComponent(firstRef)}`, 1280], ['/?actor=Rahmonov', 1280],
      ['/?q=Tajikistan', 390]
    ];
    const found = [];
    // axe-core is loaded once; the views are reached in the page (history and popstate, as the
    // back button does), so it stays loaded. Evaluated through the DevTools protocol, so the
    // page's CSP (script-src 'self') stays on.
    await open(page, base + '/');
    await page.evaluate(axeSource);
    for (const [url, width] of views) {
      await page.setViewportSize({width, height: 900});
      await act(page, () => page.evaluate((u) => {
        history.pushState(null, '', u);
        window.dispatchEvent(new PopStateEvent('popstate'));
      }, url));
      // The filters fold at phone width: audit them open.
      await page.evaluate(() => {
        document.getElementById('facets-box').open = true;
      });
      const violations = await page.evaluate(async () => {
        const r = await window.axe.run(document, {
          runOnly:
              {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}
        });
        return r.violations.map(
            (v) => `${v.id} (${v.nodes.length}: ${v.nodes[0].target.join(' ')})`);
      });
      for (const v of violations) found.push(`${url} at ${width} px: ${v}`);
    }
    await page.setViewportSize({width: 1280, height: 900});
    eq(found, [], 'axe-core violations');
  });

  await step('no page error, no request outside the server', page, async () => {
    eq(pageErrors, [], 'page errors');
    eq(foreign, [], 'requests to elsewhere');
  });
}

let exitCode = 0;
try {
  await main();
} catch (e) {
  failed++;
  console.log(`FAIL setup: ${e.stack || e.message}`);
}
await cleanup();
clearTimeout(hardStop);
console.log(`screenshots: ${shotDir}`);
console.log(`${passed} passed, ${failed} failed`);
if (failed) exitCode = 1;
process.exit(exitCode);
