// The search benchmark run by `sotay-bench search`: for each query over a built site,
// the bytes a reader downloads (meta.js, the term shards, the doc chunks of the first 10
// results; facets.js, which only filters need, should stay at 0) with an empty cache, and the median query time with the chunks in memory.
// Usage: node bench.js SITE_DIR RUNS QUERY… ; prints one JSON line per query.
'use strict';
const { engine } = require('./load.js');

async function main() {
  const [dir, runsText, ...queries] = process.argv.slice(2);
  const runs = Number(runsText) || 20;
  for (const query of queries) {
    const cold = engine(dir);
    const result = await cold.search(query, {}, false);
    await cold.details(result.ids.slice(0, 10));
    const bytes = (prefix) => cold.loaded
      .filter((c) => c.name.startsWith(prefix))
      .reduce((sum, c) => sum + c.bytes, 0);
    const times = [];
    for (let i = 0; i < runs; i++) {
      const start = process.hrtime.bigint();
      const r = await cold.search(query, {}, false);
      await cold.details(r.ids.slice(0, 10));
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    times.sort((a, b) => a - b);
    console.log(JSON.stringify({
      query,
      results: result.total,
      meta: bytes('meta'),
      facets: bytes('facets'),
      shards: bytes('idx-'),
      shardFiles: cold.loaded.filter((c) => c.name.startsWith('idx-')).length,
      docs: bytes('doc-'),
      ms: times[Math.floor(times.length / 2)],
    }));
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
