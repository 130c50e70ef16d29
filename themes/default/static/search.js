/* sotay search: the client of the index `sotay build` writes into search/.
 *
 * The index is a set of scripts, each calling window.sotaySearch.load(name, data), loaded
 * on demand with <script src> so the search works over HTTP and from file:// alike:
 * meta.js (shard prefixes, the names of the short facets), idx-<n>.js (terms of one
 * prefix: packed postings of doc-id gaps and BM25F impacts), doc-<n>.js (title, URL,
 * metadata line and excerpt of a few articles) and facets.js (the locality names and
 * each facet term's articles, loaded only once the reader filters or looks at the
 * filters). Tokenising mirrors src/search/tokenize.rs.
 *
 * The engine (tokenize, fold, Engine, snippet) has no DOM and runs under Node for the
 * tests; in a browser it becomes window.sotaySearch, which the index chunks call and
 * search-page.js (the page itself, loaded after this file) uses. */
(function () {
  'use strict';

  var ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_';
  var DIGIT = {};
  for (var a = 0; a < ALPHABET.length; a++) DIGIT[ALPHABET[a]] = a;
  /* The chars words are made of: letters, digits and combining marks (vi::is_word_char).
   * Unicode property escapes are ES2018: a browser without them (Firefox before 78, Chrome
   * before 64, Safari before 11.1) rejects a regular expression literal holding them, and
   * with it this whole file. So they are built from a string, in a try, and such a browser
   * gets explicit ranges instead: ASCII letters and digits, the letters and numbers of
   * Latin-1, Latin Extended-A, -B and -C and IPA, the combining marks and Latin Extended
   * Additional (ạ … ỹ), which split and match Vietnamese text the same way. Letters of
   * other scripts are no word chars there. */
  var LATIN_WORD_CHARS = '0-9A-Za-z\\u00AA\\u00B2\\u00B3\\u00B5\\u00B9\\u00BA\\u00BC-\\u00BE' +
    '\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02AF\\u0300-\\u036F\\u1E00-\\u1EFF\\u2C60-\\u2C7F';
  var WORD_CHARS = '\\p{L}\\p{N}\\p{M}';
  var WORD_FLAGS = 'u';
  try {
    new RegExp('[' + WORD_CHARS + ']', WORD_FLAGS);
  } catch (e) {
    WORD_CHARS = LATIN_WORD_CHARS;
    WORD_FLAGS = '';
  }
  var WORD_CHAR = new RegExp('[' + WORD_CHARS + ']', WORD_FLAGS);
  var NON_WORD = new RegExp('[^' + WORD_CHARS + ']', WORD_FLAGS);
  var CODE = new RegExp('^[' + WORD_CHARS + '\\-/.–]+$', WORD_FLAGS);
  /* Completing the word being typed reads at most this many shards; a beginning that more
   * shards hold ("th", "b" on a large site) is too broad to search by until it grows. */
  var MAX_PREFIX_SHARDS = 4;
  /* A syllable pair or a document code found whole counts this much more than its words. */
  var PAIR_WEIGHT = 2;
  /* A completion of the last word counts a little less than the word itself. */
  var COMPLETION_WEIGHT = 0.8;
  var FACETS = ['van-ban', 'dia-ban', 'tinh', 'nam', 'chu-de'];

  /* Lowercase without tones and vowel marks, đ → d: "Đảng" → "dang". ð (Ð), the
     look-alike of đ that old encodings leave in converted text, folds the same. */
  function fold(text) {
    return text.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '')
      .replace(/[đð]/g, 'd').normalize('NFC');
  }

  function trimNonWord(text) {
    var chars = Array.from(text);
    var start = 0;
    var end = chars.length;
    while (start < end && !WORD_CHAR.test(chars[start])) start++;
    while (end > start && !WORD_CHAR.test(chars[end - 1])) end--;
    return { chunk: chars.slice(start, end).join(''), lead: start > 0, trail: end < chars.length };
  }

  /* Words ({exact, folded, joined}) and document codes, as src/search/tokenize.rs. */
  function tokenize(text) {
    text = text.normalize('NFC').toLowerCase().replace(/ð/g, 'đ');
    var words = [];
    var codes = [];
    var joined = false;
    text.split(/\s/).forEach(function (raw) {
      var t = trimNonWord(raw);
      if (!t.chunk) {
        joined = joined && raw === '';
        return;
      }
      var parts = t.chunk.split(NON_WORD);
      if (parts.length > 1 && parts.every(function (p) { return p !== ''; }) &&
          CODE.test(t.chunk) && /[0-9]/.test(t.chunk)) {
        codes.push(fold(t.chunk).replace(/–/g, '-'));
      }
      var first = true;
      parts.forEach(function (part) {
        if (!part) return;
        words.push({ exact: part, folded: fold(part), joined: first && joined && !t.lead });
        first = false;
      });
      joined = !t.trail && parts.length === 1;
    });
    return { words: words, codes: codes };
  }

  /* Packed postings → [docId, impact, docId, impact, …]; `idsOnly` for lists without
   * impacts (the facets of facets.js) → [docId, …]. A long list is written as its head
   * (exact impacts) then `~`, one impact shared by the rest, and the rest as gaps or,
   * after `*`, as a bitmap of six documents a character (`pack` in src/search/pack.rs). */
  function decode(packed, idsOnly) {
    var out = [];
    var tilde = packed.indexOf('~');
    var end = tilde < 0 ? packed.length : tilde;
    var i = 0;
    function varint() {
      var value = 0;
      var shift = 0;
      var d;
      do {
        d = DIGIT[packed[i++]];
        value += (d & 31) * Math.pow(2, shift);
        shift += 5;
      } while (d >= 32);
      return value;
    }
    /* Gaps up to `stop`, each followed by its impact unless `shared` gives one. */
    function gaps(stop, shared) {
      var doc = 0;
      while (i < stop) {
        doc += varint();
        if (idsOnly) out.push(doc);
        else out.push(doc, shared === undefined ? DIGIT[packed[i++]] : shared);
      }
    }
    gaps(end);
    if (tilde < 0) return out;
    var impact = DIGIT[packed[tilde + 1]];
    i = tilde + 2;
    if (packed[i] !== '*') {
      gaps(packed.length, impact);
      return out;
    }
    for (var k = i + 1, base = 0; k < packed.length; k++, base += 6) {
      var bits = DIGIT[packed[k]];
      for (var b = 0; b < 6; b++) if (bits & (1 << b)) out.push(base + b, impact);
    }
    return out;
  }

  function prefixOf(text, n) {
    return Array.from(text).slice(0, n).join('');
  }

  /* meta.shards as written ("a|ai|an…": shard n is the n-th prefix) → {prefix: n}. */
  function shardMap(text) {
    var map = {};
    if (text) text.split('|').forEach(function (prefix, n) { map[prefix] = n; });
    return map;
  }

  /* The shard holding a key's text: the longest prefix in the shard map (meta.shards). */
  function shardFor(shards, text, maxPrefix) {
    for (var n = Math.min(Array.from(text).length, maxPrefix || 12); n > 0; n--) {
      var p = prefixOf(text, n);
      if (Object.prototype.hasOwnProperty.call(shards, p)) return shards[p];
    }
    return null;
  }

  /* Every shard that may hold a key starting with `text`, or null when too many do. A
   * shard whose prefix is no word ("dang b", "05-") holds only pairs or codes, which a
   * single word's completions never are. */
  function shardsForPrefix(shards, text, maxPrefix) {
    var found = {};
    var own = shardFor(shards, text, maxPrefix);
    if (own !== null) found[own] = true;
    var word = isWordKey(text);
    Object.keys(shards).forEach(function (p) {
      if (p.indexOf(text) === 0 && (!word || isWordKey(p))) found[shards[p]] = true;
    });
    var list = Object.keys(found).map(Number);
    return list.length > MAX_PREFIX_SHARDS ? null : list;
  }

  function isWordKey(key) {
    return !NON_WORD.test(key);
  }

  function isPairKey(key) {
    return key.indexOf(' ') > 0;
  }

  /* loader(name) returns a promise of the data a chunk registers. */
  function Engine(loader) {
    this.loader = loader;
    this.chunks = {};
  }

  Engine.prototype.chunk = function (name) {
    if (!this.chunks[name]) this.chunks[name] = this.loader(name);
    return this.chunks[name];
  };

  /* The meta chunk, its shard prefixes made a map. */
  Engine.prototype.meta = function () {
    if (!this.metaLoaded) {
      this.metaLoaded = this.chunk('meta').then(function (meta) {
        meta.shards = shardMap(meta.shards);
        return meta;
      });
    }
    return this.metaLoaded;
  };

  /* Each article's facet term numbers, docs[doc][facet] = [t, …], unpacked from the
   * facets chunk (the articles of each term). The names of a facet that meta.js leaves
   * out (null: the localities, which grow with the site) are put into meta. */
  Engine.prototype.facets = function () {
    if (!this.facetsLoaded) {
      this.facetsLoaded = Promise.all([this.meta(), this.chunk('facets')]).then(function (both) {
        var meta = both[0];
        meta.facets.forEach(function (facet) {
          if (facet[1] === null) facet[1] = both[1].terms[facet[0]];
        });
        var docs = [];
        for (var d = 0; d < meta.docCount; d++) docs.push([[], [], [], [], []]);
        both[1].articles.forEach(function (terms, f) {
          terms.forEach(function (packed, t) {
            var ids = decode(packed, true);
            for (var i = 0; i < ids.length; i++) docs[ids[i]][f].push(t);
          });
        });
        return docs;
      });
    }
    return this.facetsLoaded;
  };

  /* Runs a query with filters ({'van-ban': slug, nam: '2022', …}). `complete` makes the
   * last word match as a prefix too (typing); `counts` asks for the count of each facet
   * term among the results (read from facets.js, as are filters). Resolves to {ids (best
   * first), total, counts: {facet: [count per term]} or null, words (folded, for
   * highlighting), complete (the last word matched as a prefix), partial, broad}.
   *
   * A last word whose completions fill more than MAX_PREFIX_SHARDS shards is `broad`
   * (the word as typed): it chooses no results, the other words do; it ranks them by the
   * word itself and, after a word it is joined to, by the pairs it begins ("dang b" →
   * "dang bo", one small shard). Alone, it finds the articles with it as a whole word. */
  Engine.prototype.search = function (query, filters, complete, counts) {
    var self = this;
    filters = filters || {};
    var filtered = FACETS.some(function (name) { return filters[name]; });
    var facets = counts || filtered ? this.facets() : null;
    return Promise.all([this.meta(), facets]).then(function (both) {
      var meta = both[0];
      var tokens = tokenize(query || '');
      var words = tokens.words;
      var need = {};
      function want(text) {
        var s = shardFor(meta.shards, text, meta.maxPrefix);
        if (s !== null) need[s] = true;
      }
      words.forEach(function (w, i) {
        want(w.folded);
        if (i > 0 && w.joined) want(words[i - 1].folded + ' ' + w.folded);
      });
      tokens.codes.forEach(want);
      var last = complete ? words[words.length - 1] : null;
      var typing = null;
      if (last) {
        var before = words[words.length - 2];
        var pair = before && last.joined ? before.folded + ' ' + last.folded : null;
        var wordShards = shardsForPrefix(meta.shards, last.folded, meta.maxPrefix);
        var pairShards = pair && shardsForPrefix(meta.shards, pair, meta.maxPrefix);
        (wordShards || []).concat(pairShards || []).forEach(function (s) { need[s] = true; });
        typing = { words: wordShards !== null, pair: pairShards ? pair : null };
      }
      var ids = Object.keys(need);
      return Promise.all(ids.map(function (n) { return self.chunk('idx-' + n); }))
        .then(function (loaded) {
          var dict = {};
          loaded.forEach(function (shard) {
            Object.keys(shard).forEach(function (k) { dict[k] = shard[k]; });
          });
          var found = { meta: meta, docs: both[1], filters: filters };
          return rank(found, dict, tokens, typing);
        });
    });
  };

  function addPostings(scores, packed, weight) {
    if (!packed) return;
    var list = decode(packed);
    for (var i = 0; i < list.length; i += 2) {
      scores[list[i]] = (scores[list[i]] || 0) + list[i + 1] * weight;
    }
  }

  function addScores(scores, more) {
    Object.keys(more).forEach(function (doc) { scores[doc] = (scores[doc] || 0) + more[doc]; });
  }

  /* A key's postings weighted; with `keep`, every other loaded key starting with it that
   * `keep` accepts too, at `weight` × COMPLETION_WEIGHT: per article its best. */
  function withCompletions(dict, key, weight, keep) {
    var scores = {};
    addPostings(scores, dict[key], weight);
    if (!keep) return scores;
    Object.keys(dict).forEach(function (other) {
      if (other === key || other.indexOf(key) !== 0 || !keep(other)) return;
      var more = decode(dict[other]);
      for (var k = 0; k < more.length; k += 2) {
        var s = more[k + 1] * weight * COMPLETION_WEIGHT;
        if (!(scores[more[k]] >= s)) scores[more[k]] = s;
      }
    });
    return scores;
  }

  /* found: {meta, docs (facet terms per article, or null when not loaded), filters};
   * typing: null, or how far the last word's completions were loaded (`search`). */
  function rank(found, dict, tokens, typing) {
    var meta = found.meta;
    var docs = found.docs;
    var filters = found.filters;
    var words = tokens.words;
    var docCount = meta.docCount;
    var lastAt = words.length - 1;
    var complete = Boolean(typing && typing.words);
    var broad = typing && !typing.words ? words[lastAt].exact : null;
    var perWord = words.map(function (w, i) {
      var scores = withCompletions(dict, w.folded, 1, complete && i === lastAt && isWordKey);
      if (w.exact !== w.folded) addPostings(scores, dict['=' + w.exact], 1);
      return scores;
    });
    /* The words that choose the results: all, or all but a broad last one (unless alone). */
    var choosing = broad !== null && words.length > 1 ? perWord.slice(0, lastAt) : perWord;
    var score = {};
    var matched;
    var partial = false;
    if (words.length === 0) {
      matched = [];
      for (var d = 0; d < docCount; d++) {
        matched.push(d);
        score[d] = 0;
      }
    } else {
      matched = Object.keys(choosing[0]).map(Number).filter(function (doc) {
        return choosing.every(function (s) { return s[doc] !== undefined; });
      });
      if (matched.length === 0 && choosing.length > 1) {
        /* No article has every word: show those with some, best first. */
        partial = true;
        var any = {};
        choosing.forEach(function (s) { Object.keys(s).forEach(function (doc) { any[doc] = true; }); });
        matched = Object.keys(any).map(Number);
      }
      matched.forEach(function (doc) {
        score[doc] = perWord.reduce(function (sum, s) { return sum + (s[doc] || 0); }, 0);
      });
      var bonus = {};
      words.forEach(function (w, i) {
        if (i === 0 || !w.joined) return;
        var pair = words[i - 1].folded + ' ' + w.folded;
        if (i === lastAt && typing && typing.pair === pair) {
          addScores(bonus, withCompletions(dict, pair, PAIR_WEIGHT, isPairKey));
        } else {
          addPostings(bonus, dict[pair], PAIR_WEIGHT);
        }
      });
      tokens.codes.forEach(function (code) { addPostings(bonus, dict[code], PAIR_WEIGHT); });
      matched.forEach(function (doc) { score[doc] += bonus[doc] || 0; });
    }
    var chosen = FACETS.map(function (name, f) {
      var slug = filters[name];
      if (!slug) return -1;
      var terms = meta.facets[f][1];
      for (var t = 0; t < terms.length; t++) if (terms[t][0] === String(slug)) return t;
      return -2; /* an unknown value matches nothing */
    });
    function passes(doc, skip) {
      if (!docs) return true;
      var facets = docs[doc];
      return chosen.every(function (t, f) {
        return f === skip || t === -1 || facets[f].indexOf(t) >= 0;
      });
    }
    var counts = docs ? {} : null;
    if (docs) {
      FACETS.forEach(function (name, f) {
        var c = meta.facets[f][1].map(function () { return 0; });
        matched.forEach(function (doc) {
          if (passes(doc, f)) docs[doc][f].forEach(function (t) { c[t]++; });
        });
        counts[name] = c;
      });
    }
    var ids = matched.filter(function (doc) { return passes(doc, -1); });
    ids.sort(function (x, y) { return score[y] - score[x] || x - y; });
    return {
      ids: ids,
      scores: ids.map(function (doc) { return score[doc]; }),
      total: ids.length,
      counts: counts,
      partial: partial,
      words: words.map(function (w) { return w.folded; }),
      complete: complete,
      broad: broad
    };
  }

  /* Title, URL (root-relative), metadata line and excerpt of each article. */
  Engine.prototype.details = function (ids) {
    var self = this;
    return this.meta().then(function (meta) {
      var per = meta.docsPerChunk;
      return Promise.all(ids.map(function (doc) {
        return self.chunk('doc-' + Math.floor(doc / per)).then(function (list) {
          var row = list[doc % per];
          return { id: doc, title: row[0], url: row[1], meta: row[2], excerpt: row[3] };
        });
      }));
    });
  };

  /* Where the query's words occur in `text`: [{start, end}] in UTF-16 units, whole words
   * (or a word's start, for the word being typed) compared folded. */
  function matches(text, words, complete) {
    var out = [];
    if (!words.length) return out;
    var re = new RegExp('[' + WORD_CHARS + ']+', 'g' + WORD_FLAGS);
    var m;
    while ((m = re.exec(text)) !== null) {
      var folded = fold(m[0]);
      for (var i = 0; i < words.length; i++) {
        var last = complete && i === words.length - 1;
        if (folded === words[i] || (last && folded.indexOf(words[i]) === 0)) {
          out.push({ start: m.index, end: m.index + m[0].length });
          break;
        }
      }
    }
    return out;
  }

  /* Pieces of text [{text, mark}] around the first match, at most `length` long. */
  function snippet(text, words, complete, length) {
    length = length || 220;
    var found = matches(text, words, complete);
    var start = 0;
    if (found.length && found[0].start > length / 3) {
      start = text.lastIndexOf(' ', found[0].start - Math.floor(length / 3)) + 1;
    }
    var end = Math.min(text.length, start + length);
    if (end < text.length) {
      var space = text.lastIndexOf(' ', end);
      if (space > start) end = space;
    }
    var pieces = [];
    var at = start;
    if (start > 0) pieces.push({ text: '…', mark: false });
    found.forEach(function (f) {
      if (f.start < at || f.end > end) return;
      if (f.start > at) pieces.push({ text: text.slice(at, f.start), mark: false });
      pieces.push({ text: text.slice(f.start, f.end), mark: true });
      at = f.end;
    });
    if (at < end) pieces.push({ text: text.slice(at, end), mark: false });
    if (end < text.length && text.slice(end).trim() !== '…') pieces.push({ text: ' …', mark: false });
    return pieces;
  }

  var api = {
    fold: fold,
    tokenize: tokenize,
    decode: decode,
    shardMap: shardMap,
    shardFor: shardFor,
    Engine: Engine,
    matches: matches,
    snippet: snippet,
    FACETS: FACETS,
    /* Which word chars this browser got: 'unicode' (property escapes) or 'latin'. */
    wordChars: WORD_FLAGS ? 'unicode' : 'latin'
  };
  if (typeof module !== 'undefined' && module.exports) {
    module.exports = api;
    return;
  }

  /* ---- In a browser: the index chunks register here, and the page script
   * (search-page.js) takes the engine from here. ---- */

  var pending = {};
  api.load = function (name, data) {
    var p = pending[name];
    if (p) {
      delete pending[name];
      p(data);
    }
  };

  /* A loader for Engine: each chunk is a <script src>, which browsers allow from file://
   * where fetch is refused; the chunk calls window.sotaySearch.load(name, data). */
  api.scriptLoader = function (base) {
    return function (name) {
      return new Promise(function (resolve, reject) {
        pending[name] = resolve;
        var s = document.createElement('script');
        s.src = base + name + '.js';
        s.async = true;
        s.onerror = function () { reject(new Error(name)); };
        document.head.appendChild(s);
      });
    };
  };

  window.sotaySearch = api;
})();
