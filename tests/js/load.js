// Loads the built index of a site the way the page does, but from disk: each chunk is a
// script calling window.sotaySearch.load(name, data). Counts the bytes read per query.
'use strict';
const fs = require('fs');
const path = require('path');
const vm = require('vm');

const search = require('../../themes/default/static/search.js');

function readChunk(dir, name) {
  const code = fs.readFileSync(path.join(dir, 'search', name + '.js'), 'utf8');
  let registered;
  vm.runInNewContext(code, {
    window: {
      sotaySearch: {
        load(got, data) {
          if (got !== name) throw new Error(`${name}.js registers ${got}`);
          registered = data;
        },
      },
    },
  });
  if (registered === undefined) throw new Error(`${name}.js registers nothing`);
  return { data: registered, bytes: Buffer.byteLength(code) };
}

/** An engine over a built site; `loaded` lists the chunks read so far and their bytes. */
function engine(dir) {
  const loaded = [];
  const e = new search.Engine((name) => {
    const chunk = readChunk(dir, name);
    loaded.push({ name, bytes: chunk.bytes });
    return Promise.resolve(chunk.data);
  });
  e.loaded = loaded;
  return e;
}

/** Runs a query and returns the result URLs, best first, with the result itself. */
async function urls(e, query, filters, complete) {
  const result = await e.search(query, filters || {}, Boolean(complete));
  const rows = await e.details(result.ids);
  return { urls: rows.map((r) => r.url), result, rows };
}

function site(variable) {
  const dir = process.env[variable];
  if (!dir) throw new Error(`set ${variable} to a site built by sotay`);
  return dir;
}

module.exports = { search, engine, urls, readChunk, site };
