// The URL of the search page says what the reader sees: a space after the last word (which
// makes it a whole word, not a beginning) stays in it, so a reload or a shared link shows
// the same results.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { searchUrl, browser, settled } = require('./page.js');

const chromium = browser();

test('a trailing space stays in the URL, and a reload shows the same results', async () => {
  const b = chromium();
  await b.open(searchUrl());
  await b.evaluate("document.getElementById('search-input').focus()");
  await b.type('  kinh ngh   ');
  await b.until("location.search === '?q=kinh+ngh+'", 3000)
    .catch(async () => assert.fail(`URL: ${await b.evaluate('location.search')}`));
  const typed = await settled(b);
  assert.match(typed.status, /không bài nào có đủ mọi từ/, '"ngh " is a whole word: no article has it');
  await b.reload();
  const reloaded = await settled(b);
  assert.equal(reloaded.status, typed.status);
  assert.equal(reloaded.results, typed.results);
  assert.equal(await b.evaluate("document.getElementById('search-input').value"), 'kinh ngh ');
});

test('a link with a trailing space (the header box sends one) keeps it', async () => {
  const b = chromium();
  await b.open(searchUrl('?q=kinh+ngh+'));
  const state = await settled(b);
  assert.match(state.status, /không bài nào có đủ mọi từ/);
  assert.equal(state.search, '?q=kinh+ngh+');
  await b.open(searchUrl('?q=kinh+ngh'));
  assert.equal((await settled(b)).status, '45 bài viết phù hợp', 'without it, "ngh" is a beginning');
});
