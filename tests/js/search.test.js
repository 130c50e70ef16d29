// The search engine of themes/default/static/search.js over the index sotay builds for
// tests/fixtures/search_site (SOTAY_SEARCH_SITE: the built output folder).
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { search, engine, urls, readChunk, site } = require('./load.js');

const dir = site('SOTAY_SEARCH_SITE');
const AN_PHU = 'quan-2/an-phu/index.html';
const DUONG_HOA = 'quang-ninh/duong-hoa/index.html';
const TRE = 'quan-10/dang-vien-tre/index.html';

test('folding and tokenising match the Rust side', () => {
  assert.equal(search.fold('Đảng bộ PHƯỜNG Hưng Bình'), 'dang bo phuong hung binh');
  assert.equal(search.fold('Ðảng ðống'), 'dang dong', 'Ð, the look-alike of Đ');
  assert.equal(search.fold('Chi\u0309 thi\u0323'), 'chi thi', 'NFD input');
  const t = search.tokenize('Phường Hưng Bình, Vinh (Nghệ An) Chỉ thị 05-CT/TW');
  assert.deepEqual(t.words.map((w) => w.folded),
    ['phuong', 'hung', 'binh', 'vinh', 'nghe', 'an', 'chi', 'thi', '05', 'ct', 'tw']);
  assert.deepEqual(t.words.map((w) => w.joined),
    [false, true, true, false, false, true, false, true, true, false, false]);
  assert.deepEqual(t.codes, ['05-ct/tw']);
  assert.equal(t.words[1].exact, 'hưng');
});

test('every key of every shard is found through the shard map', () => {
  const meta = readChunk(dir, 'meta').data;
  const map = search.shardMap(meta.shards);
  const shards = new Set(Object.values(map));
  assert.ok(shards.size > 1, 'the fixture index has several shards');
  for (const n of shards) {
    for (const key of Object.keys(readChunk(dir, 'idx-' + n).data)) {
      const text = key.startsWith('=') ? search.fold(key.slice(1)) : key;
      assert.equal(search.shardFor(map, text, meta.maxPrefix), n, key);
    }
  }
});

test('queries without marks find marked words, đ included', async () => {
  const e = engine(dir);
  assert.deepEqual((await urls(e, 'dang vien tre')).urls, [TRE]);
  const duong = (await urls(e, 'duong')).urls;
  assert.deepEqual(duong.slice().sort(), [DUONG_HOA, AN_PHU].sort());
});

test('exact diacritics rank above folded matches', async () => {
  const e = engine(dir);
  assert.equal((await urls(e, 'đường')).urls[0], AN_PHU);
  assert.equal((await urls(e, 'Dương')).urls[0], DUONG_HOA);
});

test('syllable pairs rank above scattered syllables', async () => {
  const e = engine(dir);
  const { urls: found } = await urls(e, 'chi thi');
  assert.equal(found.length, 3, 'every article has both syllables');
  assert.equal(found[found.length - 1], DUONG_HOA, '"chi bộ … thị xã" is not "chỉ thị"');
});

test('document codes match whole and by parts', async () => {
  const e = engine(dir);
  assert.deepEqual((await urls(e, '21-NQ/TW')).urls, [DUONG_HOA]);
  assert.deepEqual((await urls(e, 'nq')).urls, [DUONG_HOA]);
  assert.deepEqual((await urls(e, '05-ct/tw')).urls.sort(), [AN_PHU, TRE].sort());
});

test('script, style and comment text is not indexed', async () => {
  const e = engine(dir);
  for (const word of ['bimatscript', 'bimatstyle', 'bimatcomment', 'color']) {
    assert.equal((await urls(e, word)).result.total, 0, word);
  }
});

test('the last word matches as a prefix while typing', async () => {
  const e = engine(dir);
  assert.equal((await urls(e, 'phon')).result.total, 0, 'not a word when submitted');
  assert.deepEqual((await urls(e, 'phon', {}, true)).urls, [DUONG_HOA]);
  assert.deepEqual((await urls(e, 'dân vậ', {}, true)).urls, [DUONG_HOA]);
  const scattered = (await urls(e, 'phong bimat')).result;
  assert.ok(scattered.partial && scattered.total === 1, 'no article has both: some words');
});

test('filters narrow the results, count per term and work alone', async () => {
  const e = engine(dir);
  const alone = await urls(e, '', { nam: '2022' });
  assert.deepEqual(alone.urls.sort(), [AN_PHU, TRE].sort());
  const both = await urls(e, 'dang bo', { 'van-ban': 'chi-thi-05-ct-tw', tinh: 'thanh-pho-ho-chi-minh' });
  assert.deepEqual(both.urls.sort(), [AN_PHU, TRE].sort());
  const meta = readChunk(dir, 'meta').data;
  const years = meta.facets.find((f) => f[0] === 'nam')[1].map((t) => t[0]);
  const counts = (await e.search('dang bo', {}, false, true)).counts.nam;
  assert.equal(counts[years.indexOf('2022')], 2);
  assert.equal(counts[years.indexOf('2021')], 1);
  assert.equal((await urls(e, '', { nam: '1999' })).result.total, 0, 'unknown value');
});

test('snippets mark the matched words and keep the text as it is', async () => {
  const e = engine(dir);
  const { rows, result } = await urls(e, 'bien gioi');
  assert.deepEqual(rows.map((r) => r.url), [DUONG_HOA]);
  const pieces = search.snippet(rows[0].excerpt, result.words, false);
  assert.deepEqual(pieces.filter((p) => p.mark).map((p) => p.text), ['biên', 'giới']);
  assert.ok(rows[0].excerpt.includes('thẻ <b> ở đây'), 'excerpts are decoded plain text');
  assert.ok(rows[0].meta.includes('2021') && rows[0].meta.includes('Nghị quyết 21-NQ/TW'));
});

test('a query loads only its shards', async () => {
  const e = engine(dir);
  await urls(e, 'biên giới');
  const total = fs.readdirSync(path.join(dir, 'search')).filter((f) => f.startsWith('idx-')).length;
  const read = e.loaded.filter((c) => c.name.startsWith('idx-')).length;
  assert.ok(read >= 1 && read < total, `${read} of ${total} shards`);
  assert.ok(!e.loaded.some((c) => c.name === 'facets'), 'no filter, no counts: no facets.js');
  assert.equal((await e.search('biên giới', {}, false)).counts, null);
  assert.ok((await e.search('biên giới', {}, false, true)).counts.nam, 'counts on request');
  assert.ok(e.loaded.some((c) => c.name === 'facets'), 'read for the counts');
});

test('long lists decode their head and their tail, as src/search/pack.rs writes them', () => {
  // The same strings are read in the Rust test `tails_read_as_the_client_reads_them`.
  const pairs = (list) => {
    const out = [];
    for (let i = 0; i < list.length; i += 2) out.push([list[i], list[i + 1]]);
    return out.sort((a, b) => a[0] - b[0]);
  };
  const both = [[0, 3], [1, 3], [2, 31], [3, 3], [7, 20], [8, 3]];
  assert.deepEqual(pairs(search.decode('2v5k~3*b4')), both, 'tail as a bitmap');
  assert.deepEqual(pairs(search.decode('2v5k~30125')), both, 'tail as gaps');
  assert.deepEqual(search.decode('2v5k'), [2, 31, 7, 20], 'a short list has no tail');
});
