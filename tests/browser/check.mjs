#!/usr/bin/env node
// Browser check of a site built by Placard.
//
//   node tests/browser/check.mjs <built-site-dir>
//
// Serves the folder on 127.0.0.1 (random port) and opens a list of pages, in
// every language, in headless Chromium (Debian's `chromium`; never a
// downloaded browser). For each page it asserts:
//   - the page loads with status 200 and no console errors or page errors
//     (the site's own Content-Security-Policy is enforced here);
//   - no request leaves 127.0.0.1:<port> (every request is recorded, and any
//     request or navigation to another host is aborted and reported);
//   - no same-site request fails (status >= 400 or a network error);
//   - axe-core reports no violation of impact "serious" or "critical" (all
//     rules in the light colour scheme, colour contrast also in the dark one);
//   - at 390 px viewport width there is no horizontal scroll;
//   - <html lang> is the page's language, and every link of the language
//     switcher (nav.langs) leads to the same page in its language.
// The root chooser is checked as seen by a visitor whose language the site
// lacks (it stays put), and it must send a visitor of each of the site's
// languages to that language's home.
// It also clicks the kk link of the switcher on /en/cases/<case>/people/ and
// checks that it lands on /kk/cases/<case>/people/.
//
// Exit status: 0 all good, 1 some check failed, 2 could not run at all.
//
// Environment:
//   CHROMIUM          the browser to drive (default /usr/bin/chromium)
//   PLACARD_CASE      case slug to visit (default atajurt-2025)
//   PLACARD_PERSON    person slug inside that case (default bekzat-maxutkhan)
//   PLACARD_ANALYSIS  legal analysis slug (default article-174)
//   PLACARD_LANGS     comma-separated languages (default: the top-level
//                     folders of the site that hold an index.html)

import { createServer } from 'node:http';
import { readFile, stat, readdir } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Playwright always gives the browser a new, empty --user-data-dir of its
  // own (a fresh temporary folder per launch, removed afterwards).
];

const STARTED = Date.now();
const MOBILE_WIDTH = 390;
const DESKTOP = { width: 1280, height: 800 };
const FAIL_IMPACTS = new Set(['serious', 'critical']);

function usage(msg) {
  console.error(`browser: ${msg}`);
  console.error('usage: node tests/browser/check.mjs <built-site-dir>');
  process.exit(2);
}

const siteArg = process.argv[2];
if (!siteArg) usage('missing the folder of the built site');
const SITE = path.resolve(siteArg);
if (!existsSync(path.join(SITE, 'index.html'))) usage(`${SITE} has no index.html: is it a built site?`);

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
if (!existsSync(CHROMIUM)) {
  console.error(`browser: Chromium not found at ${CHROMIUM}.`);
  console.error('browser: install it with `apt-get install chromium` (Debian), or set CHROMIUM to its path.');
  process.exit(2);
}

let chromium;
let axeSource;
try {
  ({ chromium } = await import('playwright-core'));
  axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
} catch (e) {
  console.error(`browser: cannot load playwright-core / axe-core (${e.message}).`);
  console.error('browser: run `npm ci` in tests/browser.');
  process.exit(2);
}

// ---------------------------------------------------------------- server --

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.map': 'application/json',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.pdf': 'application/pdf',
  '.ics': 'text/calendar; charset=utf-8',
  '.vcf': 'text/vcard; charset=utf-8',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
  '.vtt': 'text/vtt; charset=utf-8',
};

function contentType(file) {
  const base = path.basename(file);
  if (base === 'atom.xml' || base.endsWith('.atom')) return 'application/atom+xml; charset=utf-8';
  if (base.endsWith('.rss')) return 'application/rss+xml; charset=utf-8';
  return TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream';
}

// The site's `_headers` file (Netlify / Cloudflare Pages format), if any, is
// applied as the host would apply it, so the test sees the production headers.
function parseHeadersFile(text) {
  const rules = [];
  let cur = null;
  for (const raw of text.split(/\r?\n/)) {
    if (!raw.trim() || raw.trim().startsWith('#')) continue;
    if (!/^\s/.test(raw)) {
      const pattern = raw.trim();
      const re = new RegExp('^' + pattern.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$');
      cur = { re, headers: [] };
      rules.push(cur);
    } else if (cur) {
      const i = raw.indexOf(':');
      if (i > 0) cur.headers.push([raw.slice(0, i).trim(), raw.slice(i + 1).trim()]);
    }
  }
  return rules;
}
const headerRules = existsSync(path.join(SITE, '_headers'))
  ? parseHeadersFile(readFileSync(path.join(SITE, '_headers'), 'utf8'))
  : [];

async function isFile(p) {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}
async function isDir(p) {
  try {
    return (await stat(p)).isDirectory();
  } catch {
    return false;
  }
}

const served = []; // { url, status }

async function handle(req, res) {
  const url = new URL(req.url, 'http://127.0.0.1');
  let rel;
  try {
    rel = decodeURIComponent(url.pathname);
  } catch {
    rel = null;
  }
  let status = 200;
  let file = null;
  if (rel !== null && !rel.includes('\0')) {
    const full = path.join(SITE, path.normalize(rel));
    if (full === SITE || full.startsWith(SITE + path.sep)) {
      if (rel.endsWith('/')) {
        if (await isFile(path.join(full, 'index.html'))) file = path.join(full, 'index.html');
      } else if (await isFile(full)) {
        file = full;
      } else if (await isDir(full) && (await isFile(path.join(full, 'index.html')))) {
        res.writeHead(301, { Location: url.pathname + '/' + url.search });
        res.end();
        served.push({ url: req.url, status: 301 });
        return;
      }
    }
  }
  if (!file) {
    // Not found: the language's own 404 page if the path starts with a
    // language folder, else the site's /404.html.
    status = 404;
    const first = (rel || '').split('/').filter(Boolean)[0];
    const candidates = [];
    if (first && /^[A-Za-z0-9_-]+$/.test(first)) candidates.push(path.join(SITE, first, '404.html'));
    candidates.push(path.join(SITE, '404.html'));
    for (const c of candidates) {
      if (await isFile(c)) {
        file = c;
        break;
      }
    }
  }
  const headers = {};
  for (const rule of headerRules) {
    if (rule.re.test(url.pathname)) for (const [k, v] of rule.headers) headers[k] = v;
  }
  served.push({ url: req.url, status });
  if (!file) {
    res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('404 not found\n');
    return;
  }
  const body = await readFile(file);
  res.writeHead(status, {
    ...headers,
    'Content-Type': contentType(file),
    'Content-Length': body.length,
    'Cache-Control': 'no-store',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

const server = createServer((req, res) => {
  handle(req, res).catch((e) => {
    res.writeHead(500, { 'Content-Type': 'text/plain' });
    res.end(String(e));
  });
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const PORT = server.address().port;
const ORIGIN = `http://127.0.0.1:${PORT}`;

// ----------------------------------------------------------------- pages --

const CASE = process.env.PLACARD_CASE || 'atajurt-2025';
const PERSON = process.env.PLACARD_PERSON || 'bekzat-maxutkhan';
const ANALYSIS = process.env.PLACARD_ANALYSIS || 'article-174';

let LANGS;
if (process.env.PLACARD_LANGS) {
  LANGS = process.env.PLACARD_LANGS.split(',').map((s) => s.trim()).filter(Boolean);
} else {
  LANGS = [];
  for (const ent of await readdir(SITE, { withFileTypes: true })) {
    if (ent.isDirectory() && /^[a-z]{2,3}(-[A-Za-z0-9]+)*$/.test(ent.name) && existsSync(path.join(SITE, ent.name, 'index.html'))) {
      LANGS.push(ent.name);
    }
  }
  LANGS.sort();
}
if (LANGS.length === 0) usage(`no language folders found in ${SITE}`);

const KINDS = [
  ['home', ''],
  ['case overview', `cases/${CASE}/`],
  ['people', `cases/${CASE}/people/`],
  ['person', `cases/${CASE}/people/${PERSON}/`],
  ['timeline', `cases/${CASE}/timeline/`],
  ['legal', `cases/${CASE}/legal/`],
  ['analysis', `cases/${CASE}/legal/${ANALYSIS}/`],
  ['act', `cases/${CASE}/act/`],
  ['sources', `cases/${CASE}/sources/`],
  ['about', 'about/'],
  ['404', '404.html'],
];

const PAGES = [{ kind: 'chooser', lang: null, rest: '', path: '/' }];
for (const lang of LANGS) {
  for (const [kind, rest] of KINDS) PAGES.push({ kind, lang, rest, path: `/${lang}/${rest}` });
}

// --------------------------------------------------------------- browser --

const failures = [];
const notes = [];
function fail(where, what) {
  failures.push(`${where}: ${what}`);
  console.log(`  FAIL ${what}`);
}

function isLocal(u) {
  if (u.startsWith('data:') || u.startsWith('blob:') || u.startsWith('about:')) return true;
  try {
    return new URL(u).origin === ORIGIN;
  } catch {
    return false;
  }
}

let browser;
try {
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    timeout: 60_000,
  });
} catch (e) {
  console.error(`browser: cannot start Chromium at ${CHROMIUM}: ${e.message}`);
  server.close();
  process.exit(2);
}

async function newContext(opts) {
  // The locale is one the site does not have, so that the root language
  // chooser stays put instead of sending the visitor on to a language.
  const ctx = await browser.newContext({ serviceWorkers: 'block', viewport: DESKTOP, locale: 'de-DE', ...opts });
  ctx.setDefaultTimeout(30_000);
  ctx.offsite = [];
  // Nothing may reach the network: abort every request (navigations included)
  // to anything but our own server, and remember it.
  await ctx.route('**/*', (route) => {
    const u = route.request().url();
    if (isLocal(u)) return route.continue();
    ctx.offsite.push(u);
    return route.abort('blockedbyclient');
  });
  return ctx;
}

// A short CSS selector for an element, for the reports (runs in the page).
const SELECTOR_FN = `(el) => {
  const parts = [];
  while (el && el.nodeType === 1 && parts.length < 5) {
    let s = el.localName;
    if (el.id) { parts.unshift(s + '#' + el.id); break; }
    const cls = [...el.classList].slice(0, 2);
    if (cls.length) s += '.' + cls.join('.');
    const p = el.parentElement;
    if (p) {
      const same = [...p.children].filter((c) => c.localName === el.localName);
      if (same.length > 1) s += ':nth-of-type(' + (same.indexOf(el) + 1) + ')';
    }
    parts.unshift(s);
    el = p;
  }
  return parts.join(' > ');
}`;

async function checkPage(ctx, axeCtx, axeDarkCtx, pg) {
  const where = `${pg.path}`;
  console.log(`page ${pg.path} (${pg.kind}${pg.lang ? ', ' + pg.lang : ''})`);
  const page = await ctx.newPage();
  const consoleErrors = [];
  const pageErrors = [];
  const requests = [];
  const badResponses = [];
  const failedRequests = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') {
      const loc = msg.location();
      consoleErrors.push(`${msg.text()}${loc && loc.url ? ` (${loc.url}:${loc.lineNumber})` : ''}`);
    }
  });
  page.on('pageerror', (err) => pageErrors.push(String(err && err.stack ? err.stack.split('\n')[0] : err)));
  page.on('request', (req) => requests.push(req.url()));
  page.on('response', (resp) => {
    // The 404 page itself is fetched as a file, so it answers 200; any other
    // error status is a broken link to a resource of the site.
    if (resp.status() >= 400) badResponses.push({ status: resp.status(), url: resp.url() });
  });
  page.on('requestfailed', (req) => {
    if (isLocal(req.url())) failedRequests.push({ url: req.url(), error: req.failure()?.errorText });
  });
  ctx.offsite.length = 0;

  let resp;
  try {
    resp = await page.goto(ORIGIN + pg.path, { waitUntil: 'load' });
    await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => {});
  } catch (e) {
    fail(where, `navigation failed: ${e.message.split('\n')[0]}`);
    await page.close();
    return;
  }
  if (!resp || resp.status() !== 200) {
    fail(where, `status ${resp ? resp.status() : 'none'} (is the page missing?)`);
    await page.close();
    return;
  }
  const finalPath = new URL(page.url()).pathname;
  if (finalPath !== pg.path) fail(where, `ended up at ${page.url()}`);

  // <html lang>
  if (pg.lang) {
    const htmlLang = await page.evaluate(() => document.documentElement.getAttribute('lang'));
    if (htmlLang !== pg.lang) fail(where, `<html lang="${htmlLang}">, expected "${pg.lang}"`);
  }

  // Language switcher: every link leads to this page in its language.
  if (pg.lang) {
    const links = await page.$$eval('nav.langs a[hreflang]', (as) => as.map((a) => ({ lang: a.getAttribute('hreflang'), href: a.href })));
    if (links.length === 0) fail(where, 'no language switcher (nav.langs a[hreflang])');
    for (const other of LANGS) {
      const l = links.filter((x) => x.lang === other);
      if (l.length !== 1) {
        fail(where, `language switcher has ${l.length} links for ${other}, expected 1`);
        continue;
      }
      const want = `/${other}/${pg.rest}`;
      let got;
      try {
        got = new URL(l[0].href);
      } catch {
        got = null;
      }
      if (!got || got.origin !== ORIGIN || got.pathname !== want) {
        fail(where, `language switcher link for ${other} leads to ${l[0].href}, expected ${want}`);
      }
    }
  }

  // No horizontal scroll on a narrow phone.
  await page.setViewportSize({ width: MOBILE_WIDTH, height: 844 });
  await page.waitForTimeout(50);
  const scroll = await page.evaluate(`(() => {
    const sel = ${SELECTOR_FN};
    const de = document.documentElement;
    const out = { scrollWidth: de.scrollWidth, clientWidth: de.clientWidth, wide: [] };
    if (de.scrollWidth > de.clientWidth) {
      for (const el of document.body.querySelectorAll('*')) {
        const r = el.getBoundingClientRect();
        if (r.width > 0 && r.right > de.clientWidth + 0.5) {
          // report the outermost offenders only
          const p = el.parentElement;
          const pr = p ? p.getBoundingClientRect() : null;
          if (!pr || pr.right <= de.clientWidth + 0.5) out.wide.push(sel(el) + ' (right edge ' + Math.round(r.right) + 'px)');
        }
        if (out.wide.length >= 8) break;
      }
    }
    return out;
  })()`);
  if (scroll.scrollWidth > scroll.clientWidth) {
    fail(where, `horizontal scroll at ${MOBILE_WIDTH}px: scrollWidth ${scroll.scrollWidth} > clientWidth ${scroll.clientWidth}; too wide: ${scroll.wide.join('; ') || '(unknown)'}`);
  }
  await page.setViewportSize(DESKTOP);

  for (const e of consoleErrors) fail(where, `console error: ${e}`);
  for (const e of pageErrors) fail(where, `page error: ${e}`);
  for (const r of badResponses) fail(where, `HTTP ${r.status} ${r.url}`);
  for (const r of failedRequests) {
    if (!badResponses.some((b) => b.url === r.url)) fail(where, `request failed: ${r.url} (${r.error})`);
  }
  const offsite = [...new Set([...requests.filter((u) => !isLocal(u)), ...ctx.offsite])];
  if (offsite.length) fail(where, `requests to other hosts: ${offsite.join(', ')}`);
  await page.close();

  // axe-core, in a context that bypasses the site's CSP only so that axe
  // itself can be injected; the CSP is enforced in the checks above. All
  // rules in the light colour scheme, and colour contrast again in the dark
  // one (the theme has a prefers-color-scheme: dark palette).
  for (const [scheme, actx, options] of [
    ['light', axeCtx, {}],
    ['dark', axeDarkCtx, { runOnly: ['color-contrast', 'link-in-text-block'] }],
  ]) {
    const apage = await actx.newPage();
    try {
      await apage.goto(ORIGIN + pg.path, { waitUntil: 'load' });
      await apage.addScriptTag({ content: axeSource });
      const result = await apage.evaluate(async (opts) => {
        // eslint-disable-next-line no-undef
        const r = await axe.run(document, { ...opts, resultTypes: ['violations'] });
        return r.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: (n.failureSummary || '').split('\n').slice(1).join(' ').trim() })),
        }));
      }, options);
      for (const v of result) {
        const targets = v.nodes.slice(0, 6).map((n) => `${n.target}${n.summary ? ` [${n.summary}]` : ''}`).join('; ');
        const more = v.nodes.length > 6 ? ` (+${v.nodes.length - 6} more)` : '';
        const line = `axe (${scheme}) ${v.impact} ${v.id}: ${v.help} -- ${targets}${more}`;
        if (FAIL_IMPACTS.has(v.impact)) fail(where, line);
        else {
          notes.push(`${where}: ${line}`);
          console.log(`  note ${line}`);
        }
      }
    } catch (e) {
      fail(where, `axe-core (${scheme}) could not run: ${e.message.split('\n')[0]}`);
    }
    if (actx.offsite.length) {
      fail(where, `requests to other hosts (axe run): ${[...new Set(actx.offsite)].join(', ')}`);
      actx.offsite.length = 0;
    }
    await apage.close();
  }
}

async function checkSwitcherClick(ctx) {
  const from = `/en/cases/${CASE}/people/`;
  const to = `/kk/cases/${CASE}/people/`;
  const where = `${from} -> kk`;
  console.log(`click: language switcher on ${from}, kk`);
  if (!LANGS.includes('en') || !LANGS.includes('kk')) {
    fail(where, 'the site must have en and kk for this check');
    return;
  }
  const page = await ctx.newPage();
  try {
    await page.goto(ORIGIN + from, { waitUntil: 'load' });
    const link = page.locator('nav.langs a[hreflang=kk]');
    const n = await link.count();
    if (n !== 1) {
      fail(where, `found ${n} links nav.langs a[hreflang=kk], expected 1`);
    } else {
      await Promise.all([page.waitForURL((u) => u.pathname !== from), link.click()]);
      await page.waitForLoadState('load');
      const got = new URL(page.url()).pathname;
      if (got !== to) fail(where, `landed on ${got}, expected ${to}`);
      const lang = await page.evaluate(() => document.documentElement.getAttribute('lang'));
      if (lang !== 'kk') fail(where, `landed on a page with <html lang="${lang}">`);
    }
  } catch (e) {
    fail(where, e.message.split('\n')[0]);
  }
  await page.close();
}

// The root chooser sends a visitor to their own language when the site has it.
async function checkChooserRedirect() {
  for (const lang of LANGS) {
    const where = `/ (visitor language ${lang})`;
    console.log(`chooser: / with navigator.language ${lang}`);
    const ctx = await newContext({ locale: lang });
    const page = await ctx.newPage();
    try {
      await page.goto(ORIGIN + '/', { waitUntil: 'load' });
      await page.waitForURL((u) => u.pathname === `/${lang}/`, { timeout: 10_000 });
    } catch {
      fail(where, `stayed at / or went elsewhere (${new URL(page.url()).pathname}), expected /${lang}/`);
    }
    if (ctx.offsite.length) fail(where, `requests to other hosts: ${[...new Set(ctx.offsite)].join(', ')}`);
    await ctx.close();
  }
}

let exitCode = 0;
try {
  console.log(`browser: serving ${SITE} at ${ORIGIN}; Chromium ${browser.version()} (${CHROMIUM}); languages ${LANGS.join(', ')}`);
  const ctx = await newContext({});
  const axeCtx = await newContext({ bypassCSP: true, colorScheme: 'light' });
  const axeDarkCtx = await newContext({ bypassCSP: true, colorScheme: 'dark' });
  for (const pg of PAGES) await checkPage(ctx, axeCtx, axeDarkCtx, pg);
  await checkSwitcherClick(ctx);
  await checkChooserRedirect();
  if (ctx.offsite.length) fail('switcher click', `requests to other hosts: ${[...new Set(ctx.offsite)].join(', ')}`);
  await ctx.close();
  await axeCtx.close();
  await axeDarkCtx.close();
} catch (e) {
  failures.push(`unexpected error: ${e.stack || e}`);
  console.log(`FAIL unexpected error: ${e.stack || e}`);
} finally {
  await browser.close().catch(() => {});
  server.close();
}

if (notes.length) console.log(`\nbrowser: ${notes.length} minor/moderate axe findings (not failures), listed above as "note"`);
if (failures.length) {
  console.log(`\nbrowser: failures:`);
  for (const f of failures) console.log(`  - ${f}`);
  exitCode = 1;
}
console.log(`browser: ${PAGES.length} pages checked, ${failures.length} failures (${((Date.now() - STARTED) / 1000).toFixed(1)} s)`);
process.exit(exitCode);
