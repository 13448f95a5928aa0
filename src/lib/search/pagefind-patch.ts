// A small patch to Pagefind's browser runtime (pagefind.js and
// pagefind-worker.js, which carries its own copy) for the sharded search index
// (docs/scaling.md). Pagefind's `mergeIndex` loads several indexes into one
// WebAssembly instance (one download), but its `search` always searches every
// merged index and re-sorts all results by score, which loses a date or
// improvement sort and hides which shard a result came from. With the option
// `pacesetterShards` (a list of index base paths) the patched `search`:
//
// - searches only the listed indexes, so a query within one sector does not
//   read the other sectors' word chunks;
// - returns the results index by index, each in its own order (by score, which
//   for a sorted search is the rank in the sort), instead of all re-sorted by score;
// - puts the indexes it searches in Pagefind's playground mode, unless told
//   `pacesetterTerse` (the mode costs a tenth to a fifth of a cold search), so
//   that each result says which indexed words it matched (`scores[].search_term`);
// - puts each result's scored word locations on the result
//   (`pacesetterLocations`), which prove most one-word answers one index's
//   without playground mode (src/lib/search/search-merge.ts);
// - adds `pacesetterShards`: per index its base path (as a URL path), its
//   number of results, its `unfilteredResultCount`, the query's terms as it
//   stemmed them (in playground mode) and how many index chunks its
//   WebAssembly held when it searched, which src/lib/search/search-merge.ts
//   needs to merge the lists (src/client/sharded-search.ts);
// - with `pacesetterProbe`, answers per index with each match's scored
//   locations instead of result objects (`probe`): whether an index holds a
//   word itself, for a query of several words, at a fraction of a search's cost.
//
// Two changes concern `mergeIndex` and change when and which files are
// fetched, never what a search answers:
//
// - Pagefind waits (polling every 50 ms) until the primary index's WebAssembly
//   has loaded before a merged index fetches its entry and metadata, so on a
//   cold search page the shards' requests queued behind the WebAssembly. Patched,
//   a merged index fetches at once and waits only before it hands its metadata
//   to the WebAssembly.
// - With the option `pacesetterEntry` (the shard's pagefind-entry.json, which
//   the build copies into the shard list), a merged index takes its entry from
//   there instead of fetching it: one request and one round trip less per shard.
//
// Two changes concern how files are unzipped. Pagefind unzips every file in
// JavaScript (a bundled copy of fflate), and on a page that has not searched yet
// that code is not optimised: unzipping the 60 kB WebAssembly and the metadata
// was about a seventh of a cold query. The patched runtime has the browser unzip
// every file it loads (DecompressionStream): the WebAssembly, each index's
// metadata, index and filter chunks and fragments. Pagefind's own code stays
// for a browser without DecompressionStream, and the tables it needs, which it
// built whenever the runtime loaded (10-30 ms on a cold page), are built the
// first time it unzips. Measured on the 10,000 bench corpus: the WebAssembly and
// metadata, 60 cold queries each, median 478 → 416 ms; the rest, 80 cold scoped
// queries each, twice, mean 424 → 389 and 466 → 419 ms (docs/performance.md).
// The bytes go into the stream from a Response, not a Blob: a Blob's bytes are
// handed to the browser process and read back, a round trip that cost each unzip
// 20-50 ms on a cold page (80 cold scoped queries each: mean 399 → 364 ms).
//
// One change concerns the first search on a page: with the option
// `pacesetterFetched` (a map from a file's URL path to the fetch of it already
// under way), the primary index takes its entry, metadata and WebAssembly from
// fetches the search page started before Pagefind's runtime had even loaded
// (src/client/sharded-search.ts), instead of asking for each file only once the
// one before it has arrived.
//
// One change concerns a query's first steps: in a language whose words Pagefind
// does not segment, the query is walked code point by code point, as Pagefind
// walks it where the browser has no Intl.Segmenter, instead of making the
// page's first Intl.Segmenter for it (30-90 ms on a cold page).
//
// Without the options the runtime otherwise behaves as shipped. Every replacement
// must match exactly as often as it says (once, unless `times`): a Pagefind
// release that changes these lines fails the build with this module's name
// instead of shipping a search page that silently ranks wrong. Pagefind is
// pinned in package-lock.json; tests/e2e/search.test.ts runs the patched
// runtime in Chromium.

export class PagefindPatchError extends Error {
  override name = 'PagefindPatchError';
}

/** Marks a patched file, so that the patch is never applied twice. */
export const PATCH_MARK = '/* pacesetter: sharded search patch 12 */';

interface Replacement {
  what: string;
  /** How many times the pattern must match (default 1). */
  times?: number;
  pattern: RegExp;
  replace: (...groups: string[]) => string;
}

/**
 * The tables of fflate's inflate (bundled in Pagefind's runtime) that the code
 * after them reads: its extra-bit and code-length orders, base lengths and
 * distances, the Huffman map builder and the fixed literal and distance maps.
 */
const INFLATE_TABLES = ['fleb', 'fdeb', 'clim', 'fl', 'fd', 'hMap', 'flrm', 'fdrm'] as const;

const REPLACEMENTS: Replacement[] = [
  {
    what: 'the search over every merged index',
    // let search2=await Promise.all(this.instances.map((i2)=>i2.search(term,options2)));
    pattern: /let (\w+)=await Promise\.all\(this\.instances\.map\(\((\w+)\)=>\2\.search\((\w+),(\w+)\)\)\);/g,
    replace: (all, results, instance, term, options) =>
      `const __pacesetterShards=${options}&&${options}.pacesetterShards;` +
      // An instance's basePath is a full URL in the worker and a path on the page: compare paths.
      `const __pacesetterPath=(p)=>typeof location!=="undefined"?new URL(p,location.href).pathname:p;` +
      `const __pacesetterActive=__pacesetterShards?this.instances.filter((${instance})=>__pacesetterShards.includes(__pacesetterPath(${instance}.basePath))):this.instances;` +
      // Playground mode adds to each result the indexed words it matched (scores[].search_term),
      // which merging shards needs and a search of one merged index does not (pacesetterTerse).
      `if(__pacesetterShards&&!${options}.pacesetterTerse)for(const ${instance} of __pacesetterActive)if(!${instance}.__pacesetterVerbose){${instance}.__pacesetterVerbose=true;await ${instance}.enterPlaygroundMode();}` +
      `let ${results}=await Promise.all(__pacesetterActive.map((${instance})=>${instance}.search(${term},${options})));` +
      `const __pacesetterAnswers=${results};`,
  },
  {
    what: 'the re-sort of all results by score',
    // const results=search2.flatMap((s)=>s.results).sort((a,b)=>b.score-a.score);
    pattern: /const results=(\w+)\.flatMap\(\((\w+)\)=>\2\.results\)\.sort\(\((\w+),(\w+)\)=>\4\.score-\3\.score\);/g,
    // Each index's own list is put in order by score as well: with a sort option, Pagefind
    // gives a result's rank in the sort as its score and leaves the list in relevance order.
    replace: (all, answers, answer, a, b) =>
      `const results=${answers}.flatMap((${answer})=>__pacesetterShards?[...${answer}.results].sort((${a},${b})=>${b}.score-${a}.score):${answer}.results);` +
      `if(!__pacesetterShards)results.sort((${a},${b})=>${b}.score-${a}.score);`,
  },
  {
    what: 'the merged response',
    // let response={results,unfilteredResultCount,filters:filters2,totalFilters,timings};
    pattern: /let response=\{results,unfilteredResultCount,filters(?::\w+)?,totalFilters,timings\};/g,
    replace: (all) =>
      `${all}if(__pacesetterShards)response.pacesetterShards=__pacesetterActive.map((instance,k)=>({` +
      `basePath:__pacesetterPath(instance.basePath),results:__pacesetterAnswers[k].results.length,` +
      `unfiltered:__pacesetterAnswers[k].unfilteredResultCount,` +
      `terms:(__pacesetterAnswers[k].query_term_idfs??[]).map((q)=>q.term),` +
      `loaded:__pacesetterAnswers[k].pacesetterLoaded,probe:__pacesetterAnswers[k].pacesetterProbe}));`,
  },
  {
    what: "an index's WebAssembly search, which now notes the chunks it had and may be a probe",
    // if(options2.preload){log(`Preload …`);return null;}ptr=await this.getPtr();let searchStart=Date.now();
    // let result=this.backend.search(ptr,term,…);log(`Got the raw search result: ${result}`);
    // let{filtered_counts,total_counts,results,unfiltered_total,search_keywords,query_term_idfs}=JSON.parse(result);
    pattern:
      /if\((\w+)\.preload\)\{([^}]*)\}ptr=await this\.getPtr\(\);let searchStart=Date\.now\(\);let result=this\.backend\.search\(([^)]*)\);(log\([^;]*\);)let\{filtered_counts,total_counts,results,unfiltered_total,search_keywords,query_term_idfs\}=JSON\.parse\(result\);/g,
    // The number of index chunks the WebAssembly held when it searched tells whether two searches
    // of an index saw the same words. A probe (`pacesetterProbe`) answers with each match's
    // scored locations only, without a result object for each match: enough to tell whether an
    // index holds a word itself (src/lib/search/search-merge.ts, `probesProveOneIndex`).
    replace: (all, options, preload, args, log) =>
      `if(${options}.preload){${preload}}ptr=await this.getPtr();let searchStart=Date.now();` +
      `const __pacesetterLoaded=this.__pacesetterLoaded??0;let result=this.backend.search(${args});${log}` +
      `let{filtered_counts,total_counts,results,unfiltered_total,search_keywords,query_term_idfs}=JSON.parse(result);` +
      `if(${options}.pacesetterProbe)return{results:[],unfilteredResultCount:unfiltered_total,filters:{},totalFilters:{},` +
      `timings:{},pacesetterLoaded:__pacesetterLoaded,pacesetterProbe:results.map((r)=>r.l)};`,
  },
  {
    what: "an index's answer, which now says how many chunks it had",
    // let response={results:resultsInterface,unfilteredResultCount:unfiltered_total,…
    pattern: /let response=\{results:resultsInterface,/g,
    replace: () => `let response={pacesetterLoaded:__pacesetterLoaded,results:resultsInterface,`,
  },
  {
    what: "an index chunk's loading, now counted",
    // this.raw_ptr=this.backend[method](ptr,chunk);
    pattern: /this\.raw_ptr=this\.backend\[(\w+)\]\(ptr,chunk\);/g,
    replace: (all, method) =>
      `${all}if(${method}==="load_index_chunk")this.__pacesetterLoaded=(this.__pacesetterLoaded??0)+1;`,
  },
  {
    what: "a result's word locations, now also on the result",
    // words:locations,data:async()=>await this.loadFragment(result2.p,result2.g,weighted_locations,term)
    pattern: /words:(\w+),data:async\(\)=>await this\.loadFragment\((\w+)\.p,\2\.g,(\w+),/g,
    // Each location's score tells whether the result matched the query's word itself, which
    // spares a one-word search the playground mode (src/lib/search/search-merge.ts, `answersProveOneIndex`).
    replace: (all, words, result, weighted) =>
      `words:${words},pacesetterLocations:${weighted},data:async()=>await this.loadFragment(${result}.p,${result}.g,${weighted},`,
  },
  {
    what: "a merged index's creation, which now takes its entry from the options",
    // let newInstance=new PagefindInstance({primary:false,basePath:indexPath,...options2});
    pattern: /let (\w+)=new PagefindInstance\(\{primary:false,basePath:(\w+),\.\.\.(\w+)\}\);/g,
    replace: (all, instance, basePath, options) =>
      `const __pacesetterEntry=${options}.pacesetterEntry;` +
      // Not passed on: Pagefind warns about options it does not know.
      `if(__pacesetterEntry){${options}={...${options}};delete ${options}.pacesetterEntry;}` +
      `let ${instance}=new PagefindInstance({primary:false,basePath:${basePath},...${options}});` +
      `${instance}.__pacesetterEntry=__pacesetterEntry;`,
  },
  {
    what: "an index's entry, which a merged index may have been given",
    // async loadEntry(){try{
    pattern: /async loadEntry\(\)\{try\{/g,
    replace: () =>
      `async loadEntry(){const __pacesetterEntry=this.__pacesetterEntry;if(__pacesetterEntry){` +
      `this.languages=__pacesetterEntry.languages;this.loadedVersion=__pacesetterEntry.version;` +
      `this.includeCharacters=__pacesetterEntry.include_characters??[];return;}try{`,
  },
  {
    what: "a merged index's wait for the primary index's WebAssembly",
    // while(this.primary.wasm===null){await asyncSleep(50);}await newInstance.init(
    pattern: /while\(this\.primary\.wasm===null\)\{await (\w+)\(50\);\}await (\w+)\.init\(/g,
    replace: (all, sleep, instance) =>
      `${instance}.__pacesetterPrimary=this.primary;${instance}.__pacesetterSleep=${sleep};await ${instance}.init(`,
  },
  {
    what: "an index's start, where a merged index now waits for the WebAssembly",
    // await Promise.all(resources);this.raw_ptr=this.backend.init_pagefind(
    pattern: /await Promise\.all\((\w+)\);this\.raw_ptr=this\.backend\.init_pagefind\(/g,
    replace: (all, resources) =>
      `await Promise.all(${resources});` +
      `while(this.__pacesetterPrimary&&this.__pacesetterPrimary.wasm===null){await this.__pacesetterSleep(5);}` +
      `this.raw_ptr=this.backend.init_pagefind(`,
  },
  {
    what: 'the unzipping of the WebAssembly and of the metadata',
    // const final_wasm=this.decompress(new Uint8Array(compressed_wasm),…); let meta=this.decompress(new Uint8Array(compressed_meta),…);
    pattern: /=this\.decompress\(new Uint8Array\((compressed_wasm|compressed_meta)\)/g,
    times: 2,
    replace: (all, bytes) => `=await this.__pacesetterUnzip(new Uint8Array(${bytes})`,
  },
  {
    what: 'the unzipping of index chunks, filter chunks and fragments',
    // let chunk=this.decompress(new Uint8Array(compressed_chunk),url); (once) and
    // let fragment=this.decompress(new Uint8Array(compressed_fragment),`Fragment …`); (a group and a single one)
    pattern: /let (chunk|fragment)=this\.decompress\(new Uint8Array\((compressed_chunk|compressed_fragment)\),/g,
    times: 3,
    replace: (all, name, bytes) => `let ${name}=await this.__pacesetterUnzip(new Uint8Array(${bytes}),`,
  },
  {
    what: "the unzipping code's tables, now built when it first unzips",
    // var fleb=new u8([…]);…var flrm=hMap(flt,9,1);var fdrm=hMap(fdt,5,1);var max=function
    // (fflate's inflate tables, then its first helper). The block runs unchanged inside a
    // function that hands out the tables the rest of the code reads.
    pattern: /var fleb=[\s\S]*?var fdrm=hMap\(fdt,5,1\);(?=var max=function)/g,
    replace: (block) => {
      const missing = INFLATE_TABLES.filter((name) => !new RegExp(`var ${name}=`).test(block));
      if (missing.length > 0)
        throw new PagefindPatchError(
          `Pagefind's runtime no longer matches the sharded search patch (src/lib/search/pagefind-patch.ts): ` +
            `its inflate tables no longer declare ${missing.join(', ')}`,
        );
      const names = INFLATE_TABLES.join(',');
      return (
        `var ${names};function __pacesetterBuildInflateTables(){${block}return[${names}];}` +
        `function __pacesetterInflateTables(){if(!flrm)[${names}]=__pacesetterBuildInflateTables();}`
      );
    },
  },
  {
    what: 'the inflate, which now builds its tables first',
    // var inflt=function(dat,buf,st){
    pattern: /var inflt=function\(\w+,\w+,\w+\)\{/g,
    replace: (all) => `${all}__pacesetterInflateTables();`,
  },
  {
    what: 'the unzipping in JavaScript, beside which the browser now unzips',
    // decompress(data,file="unknown file"){if(this.decoder.decode(data.slice(0,12))==="pagefind_dcd")…
    pattern: /decompress\(data,file="unknown file"\)\{/g,
    // A gzip file unzipped by the browser, checked for Pagefind's signature as Pagefind checks it;
    // anything else (or no DecompressionStream) goes to Pagefind's own code, which reports its errors.
    replace: (all) =>
      `async __pacesetterUnzip(data,file){if(data[0]===31&&data[1]===139&&typeof DecompressionStream!=="undefined"){` +
      `try{const out=new Uint8Array(await new Response(new Response(data).body.pipeThrough(new DecompressionStream("gzip"))).arrayBuffer());` +
      `if(this.decoder.decode(out.subarray(0,12))==="pagefind_dcd")return out.slice(12);}catch(e){}}` +
      `return this.decompress(data,file);}${all}`,
  },
  {
    what: "an index's options, which may now hand it files already being fetched",
    // this.metaCacheTag=opts.metaCacheTag??null; (the end of an index's constructor)
    pattern: /this\.metaCacheTag=(\w+)\.metaCacheTag\?\?null;/g,
    replace: (all, opts) => `${all}this.__pacesetterFetched=${opts}.pacesetterFetched;`,
  },
  {
    what: "an index's fetch, which now takes a file already being fetched",
    // async performFetch(queued){try{const response=await fetch(queued.input);
    pattern: /async performFetch\((\w+)\)\{try\{const (\w+)=await fetch\(\1\.input\);/g,
    // By path: Pagefind asks for its entry with a cache-busting query, which the early fetch does not repeat.
    // Each file is taken once; anything not fetched early (or asked again) is fetched as shipped.
    replace: (all, queued, response) =>
      `__pacesetterTakeFetched(input){const fetched=this.__pacesetterFetched;if(!fetched)return undefined;` +
      `const key=new URL(input,typeof location!=="undefined"?location.href:undefined).pathname;` +
      `const early=fetched.get(key);fetched.delete(key);return early;}` +
      `async performFetch(${queued}){try{const ${response}=await(this.__pacesetterTakeFetched(${queued}.input)??fetch(${queued}.input));`,
  },
  {
    what: "a query's split into characters, which needs no Intl.Segmenter where words are not segmented",
    // const graphemeSegmenter=new Intl.Segmenter(trueLanguage,{granularity:"grapheme"});if(needsWordSegmentation(trueLanguage)){
    pattern: /const (\w+)=new Intl\.Segmenter\((\w+),\{granularity:"grapheme"\}\);if\(needsWordSegmentation\(\2\)\)\{/g,
    // A page's first Intl.Segmenter costs 30-90 ms (the browser loads its break rules), a
    // tenth of a cold query. Where Pagefind does not segment words (English), it uses the
    // splitter only to walk the query's characters, dropping punctuation and lowercasing;
    // it walks code points itself where there is no Intl.Segmenter, and a cluster of code
    // points (a letter and its combining marks) comes out the same either way, the marks
    // kept and removed later with the other diacritics.
    replace: (all, segmenter, language) =>
      `const ${segmenter}=needsWordSegmentation(${language})?new Intl.Segmenter(${language},{granularity:"grapheme"})` +
      `:{segment:(text)=>Array.from(text,(segment)=>({segment}))};if(needsWordSegmentation(${language})){`,
  },
  {
    what: "the first index's extra fields (undefined when no index is searched)",
    // if(search2[0].search_keywords){…}if(search2[0].query_term_idfs){…}
    pattern: /if\((\w+)\[0\]\.(search_keywords|query_term_idfs)\)/g,
    times: 2,
    replace: (all, answers, field) => `if(${answers}[0]?.${field})`,
  },
];

/**
 * Pagefind's runtime with the sharded search patch; `file` names it in errors.
 * Throws a PagefindPatchError listing every replacement that did not match exactly once.
 */
export function patchPagefindRuntime(source: string, file: string): string {
  if (source.includes(PATCH_MARK)) return source;
  const problems: string[] = [];
  let patched = source;
  for (const { what, pattern, replace, times: expected = 1 } of REPLACEMENTS) {
    const matches = [...patched.matchAll(pattern)];
    if (matches.length !== expected) {
      problems.push(`${file}: ${what} matched ${matches.length} time(s); expected ${expected}`);
      continue;
    }
    patched = patched.replace(pattern, (...args: unknown[]) => replace(...(args.slice(0, -2) as string[])));
  }
  if (problems.length > 0)
    throw new PagefindPatchError(
      `Pagefind's runtime no longer matches the sharded search patch (src/lib/search/pagefind-patch.ts):\n` +
        problems.join('\n'),
    );
  return `${PATCH_MARK}\n${patched}`;
}
