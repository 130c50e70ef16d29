// What the search page tests share: the site (SOTAY_PAGE_SITE, built by
// tests/integration/search_page.rs), one Chromium per test file, and reading the page.
'use strict';
const test = require('node:test');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { launch } = require('./browser.js');
const { site } = require('./load.js');

const dir = site('SOTAY_PAGE_SITE');

/** The file:// address of the search page with `query` ("?q=…"). */
function searchUrl(query) {
  return pathToFileURL(path.join(dir, 'tim-kiem', 'index.html')).href + (query || '');
}

/** A Chromium for the tests of one file, closed after them. */
function browser() {
  const holder = {};
  test.before(async () => { holder.b = await launch(); });
  test.after(async () => { if (holder.b) await holder.b.close(); });
  return () => holder.b;
}

/** What the reader sees of the search page. */
const STATE = `(() => {
  const links = Array.from(document.querySelectorAll('#search-results li h3 a'));
  const active = document.activeElement;
  return {
    results: links.length,
    status: document.getElementById('search-status').textContent,
    more: !document.getElementById('search-more').hidden,
    focus: links.indexOf(active) >= 0 ? 'result ' + links.indexOf(active)
      : active.tagName + (active.id ? '#' + active.id : ''),
    scroll: Math.round(window.pageYOffset),
    search: location.search,
  };
})()`;

/** Waits until the page shows results (and its status), then returns its state. */
async function settled(b, results) {
  const enough = results === undefined ? 'n > 0' : `n === ${results}`;
  await b.until(`(() => { const n = document.querySelectorAll('#search-results li').length;
    return ${enough} && document.getElementById('search-status').textContent; })()`);
  return b.evaluate(STATE);
}

module.exports = { searchUrl, browser, settled, STATE };
