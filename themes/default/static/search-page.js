/* sotay search: the search page, tim-kiem/index.html. Loaded after search.js, whose
 * engine (window.sotaySearch) reads the index; this file runs the query as the reader
 * types, keeps it in the URL, fills the filters and shows the results. Index text and the
 * reader's query reach the page through textContent, never innerHTML. */
(function () {
  'use strict';

  var search = window.sotaySearch;
  if (!search) return;
  var FACETS = search.FACETS;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function appendPieces(parent, pieces) {
    pieces.forEach(function (p) {
      parent.appendChild(p.mark ? el('mark', '', p.text) : document.createTextNode(p.text));
    });
  }

  /* Whether the last word of a query is still being typed, so matches as a prefix: unless a
   * space follows it. The same for every way a query arrives (keys, Enter, a filter, the
   * URL, which is rewritten at every key), so none of them changes what the reader sees. */
  function completes(query) {
    return !/\s$/.test(query);
  }

  function start() {
    var box = document.getElementById('search');
    if (!box) return;
    var data = box.dataset;
    var form = document.getElementById('search-form');
    var input = document.getElementById('search-input');
    var list = document.getElementById('search-results');
    var status = document.getElementById('search-status');
    var more = document.getElementById('search-more');
    var selects = {};
    FACETS.forEach(function (name) { selects[name] = document.getElementById('search-' + name); });
    var engine = new search.Engine(search.scriptLoader(data.index));
    var PAGE = 20;
    var current = null;
    var shown = 0;
    var run = 0;
    /* Counts per filter value need facets.js: read once the reader turns to the filters. */
    var counting = false;
    box.hidden = false;
    var noscript = document.getElementById('search-nojs');
    if (noscript) noscript.hidden = true;

    function filters() {
      var f = {};
      FACETS.forEach(function (name) { if (selects[name].value) f[name] = selects[name].value; });
      return f;
    }

    /* The query as the URL keeps it: spaces before it dropped, those after it as one. That
     * space says the last word is finished (`completes`): kept, a reload or a shared link
     * shows what the reader saw. */
    function urlQuery(query) {
      return query.replace(/^\s+/, '').replace(/\s+$/, ' ');
    }

    function writeUrl() {
      var params = new URLSearchParams();
      var query = urlQuery(input.value);
      if (query.trim()) params.set('q', query);
      var f = filters();
      FACETS.forEach(function (name) { if (f[name]) params.set(name, f[name]); });
      var encoded = params.toString();
      try {
        history.replaceState(null, '', encoded ? '?' + encoded : location.pathname);
      } catch (e) {
        /* Some browsers refuse for file:// pages: the search still works. */
      }
    }

    function showChosen(f) {
      var chosen = document.getElementById('search-filters-chosen');
      var n = Object.keys(f).length;
      if (chosen) chosen.textContent = n ? data.chosen.replace('{}', n) : '';
    }

    /* Back to this page from a result finds it as the reader left it: how many results were
     * shown, the result last opened and the scroll position are kept in the page's history
     * entry. From disk (file://) Chromium keeps no page in its back-forward cache and builds
     * it again from its URL; replaceState works there. `opened`: the result's index, or -1. */
    function remember(opened) {
      var state = { shown: shown, opened: opened, scroll: window.pageYOffset };
      try {
        history.replaceState(state, '', location.href);
      } catch (e) {
        /* As in writeUrl. */
      }
    }

    function restore(saved) {
      var link = links()[saved.opened];
      if (link) link.focus({ preventScroll: true });
      window.scrollTo(0, saved.scroll);
    }

    /* The options of each filter: every term, or with counts those the results have. */
    /* A value the site has no term for (an old or mistyped link) stays chosen and marked,
       so the reader sees why nothing matches and can pick another. */
    function choose(select, value) {
      select.value = value;
      if (value && select.value !== value) {
        var option = el('option', '', value + ' (' + data.unknown + ')');
        option.value = value;
        /* The note is in the interface's language, in a list of Vietnamese names. */
        option.lang = document.documentElement.lang;
        select.appendChild(option);
        select.value = value;
      }
    }

    function fillFacets(meta, counts) {
      FACETS.forEach(function (name, f) {
        var select = selects[name];
        var value = select.value;
        while (select.options.length > 1) select.remove(1);
        (meta.facets[f][1] || []).forEach(function (term, t) {
          var n = counts ? counts[name][t] : null;
          if (n === 0 && term[0] !== value) return;
          var option = el('option', '', n === null ? term[1] : term[1] + ' (' + n + ')');
          option.value = term[0];
          select.appendChild(option);
        });
        choose(select, value);
      });
    }

    /* Adds the next results to the list: PAGE more, or as many as make `upTo`. Batches are
     * added in the order asked for. Resolves to the index of the first result added, or -1
     * when the results changed meanwhile. */
    var adding = Promise.resolve();
    function showMore(upTo) {
      var result = current;
      var from = shown;
      var ids = result.ids.slice(from, Math.max(upTo || 0, from + PAGE));
      shown += ids.length;
      var details = engine.details(ids);
      function after() { return details; }
      adding = adding.then(after, after).then(function (rows) {
        if (result !== current) return -1;
        rows.forEach(function (row) {
          var li = el('li');
          var a = el('a');
          a.href = data.root + row.url;
          appendPieces(a, search.snippet(row.title, result.words, result.complete, 1000));
          var h = el('h3');
          h.appendChild(a);
          li.appendChild(h);
          li.appendChild(el('p', 'meta', row.meta));
          var p = el('p', 'snippet');
          appendPieces(p, search.snippet(row.excerpt, result.words, result.complete));
          li.appendChild(p);
          list.appendChild(li);
        });
        /* Hidden only now: hiding it while it has focus would drop focus to <body>. */
        more.hidden = from + rows.length >= result.total;
        status.textContent = describe(result, from + rows.length);
        remember(links().indexOf(document.activeElement));
        return from;
      });
      return adding;
    }

    /* The status line: the count, or why there is none yet; once the reader has asked for
     * more results, how many are shown (the live region reads it out). */
    function describe(r, showing) {
      function fill(text) { return text.replace(/\{\}/g, function () { return r.broad; }); }
      var alone = r.broad !== null && r.words.length === 1;
      if (alone && r.total === 0) return fill(data.broadNone);
      if (r.total === 0) return data.none;
      var found = r.total === 1 ? data.foundOne : data.found;
      var text = r.total + ' ' + found + (r.partial ? ' ' + data.partial : '');
      if (r.broad !== null) text += ' ' + fill(alone ? data.broadWhole : data.broadMore);
      if (showing > PAGE) text += '. ' + data.shown.replace('{}', showing).replace('{}', r.total);
      return text;
    }

    /* Runs the query of the form; `saved` (from the history entry, when the page is built
     * again on Back) says how many results to show and where the reader was. */
    function update(saved) {
      var mine = ++run;
      opened = -1;
      var query = input.value;
      var f = filters();
      showChosen(f);
      writeUrl();
      if (!query.trim() && Object.keys(f).length === 0) {
        list.textContent = '';
        more.hidden = true;
        status.textContent = '';
        current = null;
        return engine.meta().then(function (meta) {
          if (mine !== run) return;
          if (!counting) return fillFacets(meta, null);
          return engine.search('', {}, false, true).then(function (r) {
            if (mine === run) fillFacets(meta, r.counts);
          });
        });
      }
      var loads = [engine.meta(), engine.search(query, f, completes(query), counting)];
      return Promise.all(loads).then(function (both) {
        if (mine !== run) return;
        var r = both[1];
        current = r;
        shown = 0;
        list.textContent = '';
        fillFacets(both[0], r.counts);
        status.textContent = describe(r, 0);
        return showMore(saved && saved.shown).then(function (from) {
          if (saved && from >= 0) restore(saved);
        });
      }).catch(function () {
        if (mine === run) status.textContent = data.failed;
      });
    }

    var timer = null;
    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(function () { update(); }, 60);
    });
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      update();
    });
    FACETS.forEach(function (name) {
      selects[name].addEventListener('change', function () { update(); });
    });
    /* Focus goes to the first result added: the reader reads on from there, and the button
     * may be gone (the last results). */
    more.addEventListener('click', function () {
      showMore().then(function (from) {
        var added = links()[from];
        if (added) added.focus();
      });
    });
    function turnToFilters() {
      if (counting) return;
      counting = true;
      var mine = run;
      var query = input.value;
      var loads = [engine.meta(), engine.search(query, filters(), completes(query), true)];
      Promise.all(loads).then(function (both) {
        if (mine === run) fillFacets(both[0], both[1].counts);
      });
    }
    /* The filters, folded in a <details> (a theme may leave it out): open from the start on
     * a screen with room for them; on a phone, where they would push the results below the
     * on-screen keyboard, folded, with how many are set beside their name. */
    var filterBox = document.getElementById('search-filters');
    var turning = filterBox || form.querySelector('.search-filters');
    if (turning) {
      turning.addEventListener('focusin', turnToFilters);
      turning.addEventListener('pointerover', turnToFilters);
    }
    if (filterBox) {
      var roomy = window.matchMedia && window.matchMedia('(min-width: 40em) and (min-height: 30em)');
      if (roomy && roomy.matches) filterBox.open = true;
    }

    function links() {
      return Array.prototype.slice.call(list.querySelectorAll('a'));
    }
    box.addEventListener('keydown', function (e) {
      var all = links();
      var i = all.indexOf(document.activeElement);
      if (e.key === 'ArrowDown' && (document.activeElement === input || i >= 0)) {
        if (i + 1 < all.length) all[i + 1].focus();
        e.preventDefault();
      } else if (e.key === 'ArrowUp' && i >= 0) {
        if (i === 0) input.focus(); else all[i - 1].focus();
        e.preventDefault();
      } else if (e.key === 'Escape') {
        input.value = '';
        FACETS.forEach(function (name) { selects[name].value = ''; });
        input.focus();
        update();
        e.preventDefault();
      }
    });

    /* Where the reader was is kept at the click on a link that leaves the page (a result,
     * the header, a browse page): on a phone the page may still move before it is left
     * (by 56 px in Chromium's phone mode), and Back should find it where the reader was.
     * A result opened is remembered by its index, as a click may not focus it (Safari, a
     * script). A click with a modifier opens the link elsewhere, and the page stays. */
    var opened = -1;
    var leaving = false;
    /* The result opened, else the one with focus (-1: none). */
    function rememberHere() {
      remember(opened >= 0 ? opened : links().indexOf(document.activeElement));
    }
    document.addEventListener('click', function (e) {
      var link = e.target.closest ? e.target.closest('a[href]') : null;
      /* A link within the page (the skip link) does not leave it. */
      if (!link || !current || link.getAttribute('href').charAt(0) === '#') return;
      var i = links().indexOf(link);
      if (i >= 0) opened = i;
      rememberHere();
      leaving = !(e.ctrlKey || e.metaKey || e.shiftKey || e.altKey || e.button);
    });
    /* Leaving by the header's search form: the place at the submit, as at a click. */
    document.addEventListener('submit', function (e) {
      if (e.target === form || !current) return;
      rememberHere();
      leaving = true;
    });
    /* Leaving by another way (the address bar, the browser's own buttons). */
    window.addEventListener('pagehide', function () {
      if (current && !leaving) {
        rememberHere();
      }
    });
    /* Back to a page kept whole in the browser's cache: the next way out is not known. */
    window.addEventListener('pageshow', function () { leaving = false; });

    /* This page puts its scroll position back itself, once the results are there again. */
    var saved = history.state && typeof history.state.shown === 'number' ? history.state : null;
    if ('scrollRestoration' in history) history.scrollRestoration = 'manual';
    var params = new URLSearchParams(location.search);
    input.value = params.get('q') || '';
    counting = FACETS.some(function (name) { return params.get(name); });
    /* A filter in the URL needs every name (and the articles) before the selects are set. */
    var ready = counting ? engine.facets().then(function () { return engine.meta(); })
      : engine.meta();
    ready.then(function (meta) {
      fillFacets(meta, null);
      FACETS.forEach(function (name) { choose(selects[name], params.get(name) || ''); });
      update(saved);
    }).catch(function () {
      status.textContent = data.failed;
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
