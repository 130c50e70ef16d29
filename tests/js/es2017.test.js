// The search scripts are plain ES2017, as the README says: a browser without ES2018's
// Unicode property escapes (Firefox before 78, Chrome before 64, Safari before 11.1) parses
// them and tokenises Vietnamese text as a newer browser does. Needs acorn from Debian's
// node-acorn package (apt-get install -y node-acorn); fails without it.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const ACORN = '/usr/share/nodejs/acorn';
const STATIC = path.join(__dirname, '..', '..', 'themes', 'default', 'static');
const CONTENT = path.join(__dirname, '..', '..', 'content');

function acorn() {
  try {
    return require(ACORN);
  } catch (e) {
    throw new Error(`acorn is required to check the scripts' syntax (apt-get install -y node-acorn): ${e.message}`);
  }
}

for (const file of ['search.js', 'search-page.js']) {
  test(`${file} parses as ES2017`, () => {
    const source = fs.readFileSync(path.join(STATIC, file), 'utf8');
    assert.doesNotThrow(() => acorn().parse(source, { ecmaVersion: 2017, sourceType: 'script' }));
  });
}

/** search.js as a browser without property escapes runs it: `new RegExp` with `\p{…}`
 *  throws a SyntaxError there. */
function withoutPropertyEscapes() {
  const source = fs.readFileSync(path.join(STATIC, 'search.js'), 'utf8');
  function OldRegExp(pattern, flags) {
    if (/\\p\{/.test(pattern)) throw new SyntaxError(`Invalid regular expression: /${pattern}/: Invalid escape`);
    return new RegExp(pattern, flags);
  }
  const module = { exports: {} };
  new Function('module', 'RegExp', source)(module, OldRegExp);
  return module.exports;
}

const modern = require(path.join(STATIC, 'search.js'));
const old = withoutPropertyEscapes();

test('the tokeniser falls back to explicit character ranges', () => {
  assert.equal(modern.wordChars, 'unicode');
  assert.equal(old.wordChars, 'latin', 'the fallback was taken');
});

function* articles(folder) {
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) yield* articles(full);
    else if (entry.name.endsWith('.md')) yield fs.readFileSync(full, 'utf8');
  }
}

const LETTERS = 'aàảãáạ ăằẳẵắặ âầẩẫấậ eèẻẽéẹ êềểễếệ iìỉĩíị oòỏõóọ ôồổỗốộ ơờởỡớợ uùủũúụ ưừửữứự '
  + 'yỳỷỹýỵ đ ð bcdghklmnpqrstvx';
const SAMPLES = [
  LETTERS, LETTERS.toUpperCase(), LETTERS.normalize('NFD'), LETTERS.toUpperCase().normalize('NFD'),
  'Chỉ thị 05-CT/TW, Nghị quyết 21 – NQ/TW; NQTW5 (lần 2) số 09/NQ-TU ngày 1.2.2021',
  'Ðảng bộ phường Hưng Bình «trong sạch, vững mạnh» – 100% chi bộ; x² ½ µ naïve Straße',
];

test('the fallback tokenises Vietnamese text as the main path does', () => {
  const texts = SAMPLES.concat(Array.from(articles(CONTENT)));
  assert.ok(texts.length > SAMPLES.length + 3, 'the bundled articles were read');
  for (const text of texts) {
    assert.deepEqual(old.tokenize(text), modern.tokenize(text), text.slice(0, 80));
    const words = modern.tokenize(text).words.map((w) => w.folded).slice(0, 30);
    assert.deepEqual(old.matches(text, words, true), modern.matches(text, words, true));
    assert.deepEqual(old.snippet(text, words, false), modern.snippet(text, words, false));
  }
});

test('the fallback ranges agree with the property escapes over the Latin blocks', () => {
  const latin = [[0, 0x2b0], [0x300, 0x370], [0x1e00, 0x1f00]];
  for (const [from, to] of latin) {
    for (let c = from; c < to; c++) {
      const text = `a${String.fromCodePoint(c)}b`;
      assert.deepEqual(old.tokenize(text), modern.tokenize(text), `U+${c.toString(16)}`);
    }
  }
});
