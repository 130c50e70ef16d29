// Back from a result to the search page opened from disk (file://, where Chromium keeps no
// page in its back-forward cache and builds the page again from its URL): the results the
// reader had shown with "Xem thêm", the result opened and the scroll position come back.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { searchUrl, browser, settled, STATE } = require('./page.js');

const chromium = browser();

const RESULT = 35;

// On a phone Chromium moves the page by 56 px between the click and leaving it: the place
// is the one at the click.
for (const phone of [null, [360, 640]]) test(`Back from a result shows the same results, scrolled to the same place, focus on it${phone ? ' (phone)' : ''}`, async () => {
  const b = chromium();
  if (phone) await b.phone(...phone);
  // A fresh history entry: opening the URL the window shows would be a reload of it.
  await b.open('about:blank');
  await b.open(searchUrl('?q=kinh+nghiem'));
  await settled(b, 20);
  await b.evaluate("document.getElementById('search-more').click()");
  await settled(b, 40);
  const before = await b.evaluate(`(() => {
    const link = document.querySelectorAll('#search-results li h3 a')[${RESULT}];
    link.scrollIntoView({ block: 'center' });
    return { scroll: Math.round(window.pageYOffset), href: link.href };
  })()`);
  assert.ok(before.scroll > 1000, `scrolled down the list: ${before.scroll}`);

  await b.navigation(() => b.evaluate(
    `document.querySelectorAll('#search-results li h3 a')[${RESULT}].click()`));
  assert.equal(await b.evaluate('location.href'), before.href, 'the result opened');
  await b.back();
  await settled(b);
  // Give the page time to show more than the first 20, as it should.
  await b.until("document.querySelectorAll('#search-results li').length >= 40", 3000).catch(() => {});
  const after = await b.evaluate(STATE);
  assert.equal(after.results, 40, 'the results shown with "Xem thêm" are back');
  assert.equal(after.focus, `result ${RESULT}`, 'focus on the result that was opened');
  assert.ok(Math.abs(after.scroll - before.scroll) <= 2, `scroll ${after.scroll}, was ${before.scroll}`);
  assert.equal(after.status, '45 bài viết phù hợp. Đang hiển thị 40 trên 45 bài.');
  assert.deepEqual(b.errors, []);
  if (phone) await b.call('Emulation.clearDeviceMetricsOverride');
});

/* A new page showing 40 results of "kinh nghiem" (20, then "Xem thêm"). */
async function fortyResults() {
  const b = chromium();
  // A fresh history entry: opening the URL the window shows would be a reload of it.
  await b.open('about:blank');
  await b.open(searchUrl('?q=kinh+nghiem'));
  await settled(b, 20);
  await b.evaluate("document.getElementById('search-more').click()");
  await settled(b, 40);
  return b;
}

test('a new query starts again from its first 20 results', async () => {
  const b = await fortyResults();
  await b.evaluate("document.getElementById('search-input').focus()");
  await b.type(' so');
  await b.until("location.search === '?q=kinh+nghiem+so'");
  const state = await settled(b, 20);
  assert.equal(state.status, '45 bài viết phù hợp');
  await b.reload();
  assert.equal((await settled(b)).results, 20, 'a reload does not bring back the old query\'s count');
});

test('Back after leaving by another link (the header) finds the results and the scroll', async () => {
  const b = await fortyResults();
  await b.evaluate('window.scrollTo(0, 2500)');
  await b.navigation(() => b.evaluate("document.querySelector('.site-title a').click()"));
  await b.back();
  await settled(b);
  await b.until("document.querySelectorAll('#search-results li').length >= 40", 3000).catch(() => {});
  const after = await b.evaluate(STATE);
  assert.equal(after.results, 40);
  assert.equal(after.scroll, 2500);
});

test('Back after the skip link and the header search form finds the scroll', async () => {
  const b = await fortyResults();
  // The skip link stays on the page: it must not count as leaving it.
  await b.evaluate("document.querySelector('a.skip').click()");
  await b.evaluate('window.scrollTo(0, 2000)');
  await b.navigation(() => b.evaluate("document.querySelector('.search-box').requestSubmit()"));
  await b.back();
  await settled(b);
  await b.until("document.querySelectorAll('#search-results li').length >= 40", 3000).catch(() => {});
  const after = await b.evaluate(STATE);
  assert.equal(after.results, 40);
  assert.equal(after.scroll, 2000);
});

test('Back after the skip link and leaving by the address bar finds the scroll', async () => {
  const b = await fortyResults();
  await b.evaluate("document.querySelector('a.skip').click()");
  await b.evaluate('window.scrollTo(0, 1500)');
  // As when a reader types another address: no click or submit, only pagehide.
  await b.navigation(() => b.evaluate("location.href = document.querySelector('.site-title a').href"));
  await b.back();
  await settled(b);
  await b.until("document.querySelectorAll('#search-results li').length >= 40", 3000).catch(() => {});
  // The skip link left `#noi-dung` in the address, which Chromium scrolls to as well:
  // the place comes back within a line (it came back at 0 when the skip link counted as
  // leaving the page and nothing was kept).
  const after = await b.evaluate(STATE);
  assert.ok(Math.abs(after.scroll - 1500) <= 40, `scroll ${after.scroll}, was 1500`);
});
