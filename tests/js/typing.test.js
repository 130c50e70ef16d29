// The word being typed, on an index where it may begin too many words to complete: the
// search fixture plus a word list of thousands of words in `th` and `b`
// (SOTAY_BROAD_SITE: the built output folder; see broad_fixture in search.rs).
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { search, engine, urls, readChunk, site } = require('./load.js');

const dir = site('SOTAY_BROAD_SITE');
const AN_PHU = 'quan-2/an-phu/index.html';
const DUONG_HOA = 'quang-ninh/duong-hoa/index.html';
const TRE = 'quan-10/dang-vien-tre/index.html';
const WORD_LIST = 'quang-ninh/bang-tu/index.html';

/** How many shards hold words beginning with `text` (pair shards aside). */
function shardsBeginning(text) {
  const shards = search.shardMap(readChunk(dir, 'meta').data.shards);
  return new Set(Object.keys(shards)
    .filter((p) => p.startsWith(text) && !p.includes(' '))
    .map((p) => shards[p])).size;
}

function typed(e, query) {
  return urls(e, query, {}, true);
}

test('the fragments typed begin words in many shards, as on a large site', () => {
  assert.ok(shardsBeginning('th') > 4, `th: ${shardsBeginning('th')} shards`);
  assert.ok(shardsBeginning('b') > 4, `b: ${shardsBeginning('b')} shards`);
});

test('"dang b" and "chi th" find "đảng bộ" and "chỉ thị" while "b", "th" are too broad', async () => {
  const e = engine(dir);
  const dang = await typed(e, 'dang b');
  assert.equal(dang.result.partial, false, 'no "not every word" notice');
  assert.deepEqual(dang.urls.slice().sort(), [AN_PHU, DUONG_HOA, TRE].sort());
  assert.equal(dang.result.broad, 'b');

  const chi = await typed(e, 'chi th');
  assert.equal(chi.result.partial, false, 'no "not every word" notice');
  assert.deepEqual(chi.urls.slice().sort(), [AN_PHU, DUONG_HOA, TRE].sort());
  assert.equal(chi.urls[2], DUONG_HOA, 'the pairs "chi th…" rank: "chi bộ … thị xã" last');
});

test('a broad word is searched whole, and only its own shard is read', async () => {
  const e = engine(dir);
  const b = await typed(e, 'b');
  assert.deepEqual(b.urls, [DUONG_HOA], '"b" is a word there ("thẻ <b>")');
  assert.equal(b.result.broad, 'b');
  const shards = e.loaded.filter((c) => c.name.startsWith('idx-')).length;
  assert.ok(shards <= 1, `${shards} shards for "b"`);
  const both = engine(dir);
  await typed(both, 'dang b');
  const read = both.loaded.filter((c) => c.name.startsWith('idx-')).length;
  assert.ok(read <= 3, `"dang b": ${read} shards (dang, the pairs dang b…, b)`);
});

test('"th" alone is not reported as found nowhere: the result says it is too broad', async () => {
  const e = engine(dir);
  const { result } = await typed(e, 'th');
  assert.equal(result.total, 0, '"th" is no word of the site');
  assert.equal(result.broad, 'th', 'the page says to type more, not "no article found"');
  const tha = await typed(e, 'tha');
  assert.equal(tha.result.broad, null, '"tha" is narrow enough to complete');
  assert.ok(tha.urls.includes(WORD_LIST), 'its words ("thaba", …) are found');
});
