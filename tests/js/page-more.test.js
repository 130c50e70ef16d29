// "Xem thêm kết quả" from the keyboard: focus goes to the first result added, never to
// <body> when the button goes away with the last ones, and the live region says how many
// results are shown.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { searchUrl, browser, settled, STATE } = require('./page.js');

const chromium = browser();

test('each press of "Xem thêm" focuses the first result it added', async () => {
  const b = chromium();
  await b.open(searchUrl('?q=kinh+nghiem'));
  let state = await settled(b, 20);
  assert.equal(state.status, '45 bài viết phù hợp');
  assert.ok(state.more, 'the button shows');

  await b.evaluate("document.getElementById('search-more').focus()");
  await b.press('Enter');
  state = await settled(b, 40);
  assert.equal(state.focus, 'result 20', 'the first of the new results');
  assert.ok(state.more, 'five more to come');
  assert.equal(state.status, '45 bài viết phù hợp. Đang hiển thị 40 trên 45 bài.');

  await b.evaluate("document.getElementById('search-more').focus()");
  await b.press('Enter');
  state = await settled(b, 45);
  assert.equal(state.more, false, 'the last ones: the button goes');
  assert.equal(state.focus, 'result 40', 'focus stays in the results, not on <body>');
  assert.equal(state.status, '45 bài viết phù hợp. Đang hiển thị 45 trên 45 bài.');

  await b.press('Tab');
  assert.equal((await b.evaluate(STATE)).focus, 'result 41', 'Tab goes on through the results');
  assert.deepEqual(b.errors, []);
});
