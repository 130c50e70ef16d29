// Acceptance of issue 4 on the bundled articles: the repository's own content/, built by
// sotay into SOTAY_CONTENT_SITE.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { engine, urls, site } = require('./load.js');

const dir = site('SOTAY_CONTENT_SITE');
const PHUC_DONG = 'ha-noi/phuong-phuc-dong/index.html';
const HUNG_BINH = 'nghe-an/phuong-hung-binh/index.html';
const QUANG_NINH = 'quang-ninh/xay-dung-dang-tu-co-so/index.html';


async function first(query) {
  return (await urls(engine(dir), query)).urls[0];
}

test('"chi thi 05" and "chỉ thị 05" put Phúc Đồng first', async () => {
  assert.equal(await first('chi thi 05'), PHUC_DONG);
  assert.equal(await first('chỉ thị 05'), PHUC_DONG);
});

test('"hung binh" and "Hưng Bình" put Hưng Bình first', async () => {
  assert.equal(await first('hung binh'), HUNG_BINH);
  assert.equal(await first('Hưng Bình'), HUNG_BINH);
});

test('"bien gioi" puts the Quảng Ninh article first', async () => {
  assert.equal(await first('bien gioi'), QUANG_NINH);
});

test('"dang bo" and "đảng bộ" find every article', async () => {
  const e = engine(dir);
  const all = (await e.search('', {}, false)).total;
  assert.ok(all >= 5, `${all} articles`);
  assert.equal((await e.search('dang bo', {}, false)).total, all);
  assert.equal((await e.search('đảng bộ', {}, false)).total, all);
});

test('"duong" finds every article that writes "đường"', async () => {
  const e = engine(dir);
  const found = new Set((await urls(e, 'duong')).urls);
  const withDuong = [];
  for (const md of walk(path.join(process.env.SOTAY_CONTENT_ROOT || '', 'content'))) {
    const text = fs.readFileSync(md, 'utf8').normalize('NFC');
    const body = text.replace(/^---[\s\S]*?\n---\n/, '');
    if (/đường/i.test(body)) withDuong.push(md);
  }
  assert.ok(withDuong.length > 0, 'some article writes "đường"');
  const pages = await e.details((await e.search('', {}, false)).ids);
  for (const md of withDuong) {
    const title = fs.readFileSync(md, 'utf8').normalize('NFC').match(/^title: (.*)$/m)[1];
    const page = pages.find((p) => p.title === title.trim());
    assert.ok(page && found.has(page.url), `${md} found by "duong"`);
  }
});

test('a year finds the articles of that year, a source its article', async () => {
  const e = engine(dir);
  // The Phúc Đồng report is of 2021 and never writes the year in its text.
  const year = await urls(e, '2021');
  assert.equal(year.urls[0], PHUC_DONG, JSON.stringify(year.urls));
  assert.equal((await urls(e, 'tap chi xay dung dang')).urls[0], HUNG_BINH);
});

function* walk(folder) {
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (entry.name.endsWith('.md')) yield full;
  }
}
