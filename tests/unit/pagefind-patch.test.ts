// The patch to Pagefind's runtime (src/lib/search/pagefind-patch.ts), run on a
// model of the methods it changes: the merged search, `mergeIndex`, an
// index's start and the unzipping of its files in Pagefind 1.6, written here in
// the shape the minified bundle has. The real bundle is patched by every build
// (tests/build/search-index.test.ts) and searched in Chromium
// (tests/e2e/search.test.ts); this checks what the patched method returns.
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { PagefindPatchError, PATCH_MARK, patchPagefindRuntime } from '../../src/lib/search/pagefind-patch.ts';

// The merged search as the bundle spells it (pagefind.js names its variables search2,
// options2 and filters2; pagefind-worker.js search, options and filters).
const MODEL = (search: string, options: string, filters: string) =>
  `var asyncSleep=(ms)=>new Promise((resolve)=>setTimeout(resolve,ms));` +
  // fflate's inflate as the bundle lays it out: tables built as the module loads, then the code that reads them.
  `var tablesBuilt=0;var u8=Uint8Array;var fleb=(++tablesBuilt,new u8([0,1]));var fdeb=new u8([0,2]);var clim=new u8([3]);` +
  `var freb=function(eb,start){return[new u8([start]),eb];};var _a=freb(fleb,4);var fl=_a[0];var _b=freb(fdeb,5);var fd=_b[0];` +
  `var hMap=function(cd,mb,r){return cd;};var flt=new u8([6]);var fdt=new u8([7]);var flrm=hMap(flt,9,1);var fdrm=hMap(fdt,5,1);` +
  `var max=function(a){return a;};var inflt=function(dat,buf,st){return[fleb[1],fdeb[1],clim[0],fl[0],fd[0],hMap(clim)[0],flrm[0],fdrm[0]].join(",");};` +
  `var inflateModel={tablesBuilt:()=>tablesBuilt,inflate:()=>inflt()};` +
  // An index's start: its entry and metadata, then the WebAssembly reads the metadata.
  `var PagefindInstance=class{constructor(opts){this.basePath=opts.basePath;this.log=opts.log;this.backend=opts.backend;this.opts=opts;this.decoder=new TextDecoder("utf-8");this.metaCacheTag=opts.metaCacheTag??null;}` +
  // Every file an index loads goes through one fetch (throttled in the bundle; here at once).
  `throttledFetch(input){return new Promise((resolve,reject)=>this.performFetch({resolve,reject,input}));}` +
  `async performFetch(queued){try{const response=await fetch(queued.input);if(!response.ok){throw new Error(\`\${response.status} fetching \${queued.input}\`);}queued.resolve(response);}catch(error){queued.reject(error);}}` +
  // Pagefind's own unzipping (here it only says it ran) and the two loaders whose files the browser now unzips.
  `decompress(data,file="unknown file"){this.log.push("unzipped in JavaScript: "+file);return new TextEncoder().encode("by Pagefind");}` +
  `async loadWasm(bytes){let compressed_wasm=await bytes;const final_wasm=this.decompress(new Uint8Array(compressed_wasm),"Pagefind WebAssembly");return final_wasm;}` +
  `async loadMeta(bytes){let compressed_meta=await bytes;let meta=this.decompress(new Uint8Array(compressed_meta),"metadata");return meta;}` +
  `async loadChunk(bytes){let compressed_chunk=await bytes;let chunk=this.decompress(new Uint8Array(compressed_chunk),"chunk");return chunk;}` +
  `async loadFragmentGroup(bytes){let compressed_fragment=await bytes;let fragment=this.decompress(new Uint8Array(compressed_fragment),"fragment group");return fragment;}` +
  `async loadFragment(bytes){let compressed_fragment=await bytes;let fragment=this.decompress(new Uint8Array(compressed_fragment),"fragment");return fragment;}` +
  // A result of an index's search, as the bundle makes it from the WebAssembly's answer.
  `resultOf(result2,weighted_locations,term){let locations=weighted_locations.map((l)=>l.location);` +
  `let res={id:result2.p,score:result2.s,words:locations,data:async()=>await this.loadFragment(result2.p,result2.g,weighted_locations,term)};return res;}` +
  // An index chunk or filter chunk handed to the WebAssembly, and an index's search of it.
  `async loadGenericChunk(method,chunk){let ptr=await this.getPtr();this.raw_ptr=this.backend[method](ptr,chunk);}getPtr(){return Promise.resolve(1);}` +
  `async wasmSearch(term,${options}={}){const log=()=>{};let ptr=await this.getPtr();` +
  `if(${options}.preload){log(\`Preload \\u2014 bailing out of search operation now.\`);return null;}ptr=await this.getPtr();let searchStart=Date.now();` +
  `let result=this.backend.search(ptr,term,term,"","",false,false);log(\`Got the raw search result: \${result}\`);` +
  `let{filtered_counts,total_counts,results,unfiltered_total,search_keywords,query_term_idfs}=JSON.parse(result);` +
  `let resultsInterface=results.map((r)=>({id:r.p}));` +
  `let response={results:resultsInterface,unfilteredResultCount:unfiltered_total,filters:filtered_counts,totalFilters:total_counts,timings:{}};return response;}` +
  `async init(language,opts){await this.loadEntry();this.log.push("meta "+this.basePath);let resources=[Promise.resolve()];` +
  `await Promise.all(resources);this.raw_ptr=this.backend.init_pagefind(this.basePath);}` +
  `async loadEntry(){try{this.log.push("entry "+this.basePath);this.languages={fetched:{}};}catch(e){throw e;}}` +
  // A query's normalisation, as the bundle has it: characters (or, where words are segmented, words) lowercased, punctuation dropped.
  `normaliseTerm(term,trueLanguage){const term_chunks=[];if(trueLanguage&&typeof Intl.Segmenter!=="undefined"){` +
  `const graphemeSegmenter=new Intl.Segmenter(trueLanguage,{granularity:"grapheme"});if(needsWordSegmentation(trueLanguage)){` +
  `const wordSegmenter=new Intl.Segmenter(trueLanguage,{granularity:"word"});for(const{segment:word}of wordSegmenter.segment(term)){` +
  `const wordChunks=[];for(const{segment:grapheme}of graphemeSegmenter.segment(word)){` +
  `if(!/^\\p{Pd}|\\p{Pe}|\\p{Pf}|\\p{Pi}|\\p{Po}|\\p{Ps}$/u.test(grapheme)){wordChunks.push(grapheme.toLocaleLowerCase());}}` +
  `if(wordChunks.length>0){term_chunks.push(wordChunks.join(""));}}term=term_chunks.join(" ").replace(/\\s{2,}/g," ").trim();}` +
  `else{for(const{segment:grapheme}of graphemeSegmenter.segment(term)){` +
  `if(!/^\\p{Pd}|\\p{Pe}|\\p{Pf}|\\p{Pi}|\\p{Po}|\\p{Ps}$/u.test(grapheme)){term_chunks.push(grapheme.toLocaleLowerCase());}}` +
  `term=term_chunks.join("").replace(/\\s{2,}/g," ").trim();}}return term;}};` +
  `var needsWordSegmentation=(lang)=>/^(zh|ja|ko|th)/i.test(lang);` +
  `var Merged=class{constructor(instances){this.instances=instances;this.primary=instances[0];}` +
  `async mergeIndex(indexPath,${options}={}){let newInstance=new PagefindInstance({primary:false,basePath:indexPath,...${options}});` +
  `this.instances.push(newInstance);while(this.primary.wasm===null){await asyncSleep(50);}` +
  `await newInstance.init(${options}.language||"en",{load_wasm:false});return newInstance;}` +
  `mergeFilters(list){const out={};for(const one of list)for(const[k,v]of Object.entries(one??{}))out[k]={...out[k],...v};return out;}` +
  `async search(term,${options}={}){let ${search}=await Promise.all(this.instances.map((i2)=>i2.search(term,${options})));` +
  `const ${filters}=this.mergeFilters(${search}.map((s)=>s.filters));const totalFilters=this.mergeFilters(${search}.map((s)=>s.totalFilters));` +
  `const results=${search}.flatMap((s)=>s.results).sort((a,b)=>b.score-a.score);const timings=${search}.map((s)=>s.timings);` +
  `const unfilteredResultCount=${search}.reduce((sum,s)=>sum+s.unfilteredResultCount,0);` +
  `let response={results,unfilteredResultCount,${filters === 'filters' ? 'filters' : `filters:${filters}`},totalFilters,timings};` +
  `if(${search}[0].search_keywords){response.search_keywords=${search}[0].search_keywords;}` +
  `if(${search}[0].query_term_idfs){response.query_term_idfs=${search}[0].query_term_idfs;}return response;}};`;

interface Hit {
  id: string;
  score: number;
}
interface Response {
  results: Hit[];
  unfilteredResultCount: number;
  pacesetterShards?: { basePath: string; results: number; unfiltered: number; loaded?: number; probe?: unknown }[];
}
type Merged = new (instances: unknown[]) => {
  search: (term: string, options?: object) => Promise<Response>;
  mergeIndex: (
    indexPath: string,
    options: object,
  ) => Promise<{ languages: unknown; opts: Record<string, unknown>; includeCharacters?: string[] }>;
};

type Loader = (bytes: Uint8Array) => Promise<Uint8Array>;
interface IndexAnswer {
  results: { id: string }[];
  unfilteredResultCount: number;
  pacesetterLoaded?: number;
  pacesetterProbe?: unknown[];
}
type Instance = new (opts: object) => {
  loadGenericChunk: (method: string, chunk: Uint8Array) => Promise<void>;
  wasmSearch: (term: string, options?: object) => Promise<IndexAnswer | null>;
  normaliseTerm: (term: string, language: string) => string;
  loadWasm: Loader;
  loadMeta: Loader;
  loadChunk: Loader;
  loadFragmentGroup: Loader;
  loadFragment: Loader;
  throttledFetch: (input: string) => Promise<globalThis.Response>;
  resultOf: (
    result: { p: string; g: string; s: number },
    locations: { weight: number; balanced_score: number; location: number }[],
    term: string,
  ) => { id: string; words: number[]; pacesetterLocations?: unknown };
};

/** One class of the (patched) model, by name. */
function define<T>(source: string, name: 'Merged' | 'PagefindInstance' | 'inflateModel'): T {
  return new Function(`${source}\nreturn ${name};`)() as T;
}
const load = (source: string) => define<Merged>(source, 'Merged');
const loadInstance = (source: string) => define<Instance>(source, 'PagefindInstance');

/** An index that answers with fixed hits, as a Pagefind instance would (in playground mode once asked). */
const index = (basePath: string, hits: Hit[], unfiltered = hits.length) => {
  const instance = {
    basePath,
    playground: false,
    enterPlaygroundMode: () => {
      instance.playground = true;
      return Promise.resolve();
    },
    search: () =>
      Promise.resolve({
        results: hits,
        unfilteredResultCount: unfiltered,
        filters: { sector: { [basePath]: hits.length } },
        totalFilters: {},
        query_term_idfs: [{ term: 'x', idf: 1 }],
      }),
  };
  return instance;
};

const instances = () => [
  index('/pagefind/', [{ id: 'a1', score: 1 }]),
  // Out of score order, as Pagefind answers a sorted search (the score is the rank in the sort).
  index(
    '/pagefind/en/b/',
    [
      { id: 'b2', score: 0.5 },
      { id: 'b1', score: 9 },
    ],
    7,
  ),
  index('/pagefind/en/c/', [{ id: 'c1', score: 5 }]),
];

describe('the patched merged search', () => {
  for (const [file, model] of [
    ['pagefind.js', MODEL('search2', 'options2', 'filters2')],
    ['pagefind-worker.js', MODEL('search', 'options', 'filters')],
  ] as const) {
    it(`in ${file}: without the option, behaves as shipped (every index, by score)`, async () => {
      const Patched = load(patchPagefindRuntime(model, file));
      const response = await new Patched(instances()).search('x');
      expect(response.results.map((hit) => hit.id)).toEqual(['b1', 'c1', 'a1', 'b2']);
      expect(response.pacesetterShards).toBeUndefined();
      expect(response.results.length).toBe(4);
    });

    it(`in ${file}: with pacesetterShards, searches only those indexes, each in score order, and says what each found`, async () => {
      const Patched = load(patchPagefindRuntime(model, file));
      const indexes = instances();
      const response = await new Patched(indexes).search('x', {
        pacesetterShards: ['/pagefind/en/c/', '/pagefind/en/b/'],
      });
      // Instance order, each index's list by score: the merge is the search page's (search-merge.ts).
      expect(response.results.map((hit) => hit.id)).toEqual(['b1', 'b2', 'c1']);
      // What each index found: the merge needs each shard's own figures, not Pagefind's sums.
      expect(response.pacesetterShards).toEqual([
        { basePath: '/pagefind/en/b/', results: 2, unfiltered: 7, terms: ['x'] },
        { basePath: '/pagefind/en/c/', results: 1, unfiltered: 1, terms: ['x'] },
      ]);
      expect(response.unfilteredResultCount).toBe(8);
      // The searched indexes say which words each result matched; the others are left alone.
      expect(indexes.map((instance) => instance.playground)).toEqual([false, true, true]);
    });

    it(`in ${file}: with pacesetterTerse, leaves the searched index out of playground mode`, async () => {
      const Patched = load(patchPagefindRuntime(model, file));
      const indexes = instances();
      const response = await new Patched(indexes).search('x', {
        pacesetterShards: ['/pagefind/en/b/'],
        pacesetterTerse: true,
      });
      expect(response.results.map((hit) => hit.id)).toEqual(['b1', 'b2']);
      expect(indexes.map((instance) => instance.playground)).toEqual([false, false, false]);
    });

    it(`in ${file}: an index's search says how many chunks its WebAssembly held; a probe answers with locations only`, async () => {
      const locations = [{ w: 24, s: 512.143310546875, l: 3 }];
      const backend = {
        load_index_chunk: () => 1,
        load_filter_chunk: () => 1,
        search: () =>
          JSON.stringify({
            filtered_counts: {},
            total_counts: {},
            results: [{ p: 'en_1', s: 2, l: locations }],
            unfiltered_total: 1,
          }),
      };
      const shipped = await new (loadInstance(model))({ backend }).wasmSearch('drill', { pacesetterProbe: true });
      expect(shipped?.results.map((hit) => hit.id)).toEqual(['en_1']);
      const instance = new (loadInstance(patchPagefindRuntime(model, file)))({ backend });
      expect((await instance.wasmSearch('drill'))?.pacesetterLoaded).toBe(0);
      // Index chunks count; filter chunks hold no words.
      await instance.loadGenericChunk('load_index_chunk', new Uint8Array());
      await instance.loadGenericChunk('load_filter_chunk', new Uint8Array());
      await instance.loadGenericChunk('load_index_chunk', new Uint8Array());
      const answer = await instance.wasmSearch('drill');
      expect(answer?.results.map((hit) => hit.id)).toEqual(['en_1']);
      expect(answer?.pacesetterLoaded).toBe(2);
      // A probe: no result objects, each match's locations as the WebAssembly gave them.
      expect(await instance.wasmSearch('drill', { pacesetterProbe: true })).toMatchObject({
        results: [],
        unfilteredResultCount: 1,
        pacesetterLoaded: 2,
        pacesetterProbe: [locations],
      });
      expect(await instance.wasmSearch('drill', { preload: true })).toBeNull();
    });

    it(`in ${file}: says per searched index how many chunks it held, and a probe's locations`, async () => {
      const Patched = load(patchPagefindRuntime(model, file));
      const probe = [[{ w: 24, s: 512.143310546875, l: 3 }]];
      const probed = {
        ...index('/pagefind/en/b/', []),
        search: () =>
          Promise.resolve({
            results: [],
            unfilteredResultCount: 1,
            filters: {},
            totalFilters: {},
            pacesetterLoaded: 3,
            pacesetterProbe: probe,
          }),
      };
      const response = await new Patched([index('/pagefind/', []), probed]).search('x', {
        pacesetterShards: ['/pagefind/en/b/'],
        pacesetterTerse: true,
        pacesetterProbe: true,
      });
      expect(response.pacesetterShards).toEqual([
        { basePath: '/pagefind/en/b/', results: 0, unfiltered: 1, terms: [], loaded: 3, probe },
      ]);
    });

    it(`in ${file}: puts each result's scored word locations on the result`, () => {
      const locations = [
        { weight: 1, balanced_score: 512.143310546875, location: 3 },
        { weight: 0.5, balanced_score: 95.1, location: 9 },
      ];
      const shipped = new (loadInstance(model))({}).resultOf({ p: 'en_1', g: '', s: 2 }, locations, 'drill');
      expect(shipped.pacesetterLocations).toBeUndefined();
      const patched = new (loadInstance(patchPagefindRuntime(model, file)))({}).resultOf(
        { p: 'en_1', g: '', s: 2 },
        locations,
        'drill',
      );
      expect(patched.words).toEqual([3, 9]);
      // What search-merge.ts reads to prove a one-word answer without playground mode.
      expect(patched.pacesetterLocations).toEqual(locations);
    });

    it(`in ${file}: a merged index fetches its files while the primary's WebAssembly loads, and starts after it`, async () => {
      const log: string[] = [];
      const started: string[] = [];
      const backend = { init_pagefind: (basePath: string) => started.push(basePath) };
      const primary = { ...index('/pagefind/', []), wasm: null as object | null };
      for (const [patched, Runtime] of [
        [false, load(model)],
        [true, load(patchPagefindRuntime(model, file))],
      ] as const) {
        log.length = 0;
        started.length = 0;
        primary.wasm = null;
        const merging = new Runtime([primary]).mergeIndex('/pagefind/en/b/', { log, backend });
        await new Promise((resolve) => setTimeout(resolve, 20));
        // As shipped nothing is fetched yet; patched, the entry and metadata already are.
        expect(log).toEqual(patched ? ['entry /pagefind/en/b/', 'meta /pagefind/en/b/'] : []);
        expect(started).toEqual([]);
        primary.wasm = {};
        await merging;
        expect(started).toEqual(['/pagefind/en/b/']);
      }
    });

    it(`in ${file}: a merged index given its entry does not fetch it, and Pagefind never sees the option`, async () => {
      const log: string[] = [];
      const backend = { init_pagefind: () => 1 };
      const primary = { ...index('/pagefind/', []), wasm: {} };
      const Patched = load(patchPagefindRuntime(model, file));
      const entry = { version: '1.6.0', languages: { en: { hash: 'en_1', page_count: 3 } }, include_characters: ['_'] };
      const given = await new Patched([primary]).mergeIndex('/pagefind/en/b/', {
        log,
        backend,
        pacesetterEntry: entry,
      });
      expect(log).toEqual(['meta /pagefind/en/b/']);
      expect(given.languages).toEqual(entry.languages);
      expect(given.includeCharacters).toEqual(['_']);
      expect(Object.keys(given.opts)).not.toContain('pacesetterEntry');
      // Without it, the entry is fetched as shipped.
      log.length = 0;
      const fetched = await new Patched([primary]).mergeIndex('/pagefind/en/c/', { log, backend });
      expect(log).toEqual(['entry /pagefind/en/c/', 'meta /pagefind/en/c/']);
      expect(fetched.languages).toEqual({ fetched: {} });
    });

    it(`in ${file}: every file is unzipped by the browser, Pagefind's code kept for what the browser cannot`, async () => {
      const signed = (text: string) => gzipSync(Buffer.from(`pagefind_dcd${text}`));
      const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
      const log: string[] = [];
      const shipped = new (loadInstance(model))({ log });
      expect(text(await shipped.loadWasm(signed('wasm')))).toBe('by Pagefind');
      expect(text(await shipped.loadChunk(signed('chunk')))).toBe('by Pagefind');
      const patched = new (loadInstance(patchPagefindRuntime(model, file)))({ log });
      log.length = 0;
      expect(text(await patched.loadWasm(signed('wasm')))).toBe('wasm');
      expect(text(await patched.loadMeta(signed('meta')))).toBe('meta');
      expect(text(await patched.loadChunk(signed('chunk')))).toBe('chunk');
      expect(text(await patched.loadFragmentGroup(signed('group')))).toBe('group');
      expect(text(await patched.loadFragment(signed('fragment')))).toBe('fragment');
      expect(log).toEqual([]);
      // A file that is not gzip, or gzip without Pagefind's signature, goes to Pagefind's code, which reports it.
      expect(text(await patched.loadWasm(Buffer.from('pagefind_dcdplain')))).toBe('by Pagefind');
      expect(text(await patched.loadMeta(gzipSync(Buffer.from('not signed'))))).toBe('by Pagefind');
      expect(text(await patched.loadFragment(Buffer.from('plain')))).toBe('by Pagefind');
      expect(log).toEqual([
        'unzipped in JavaScript: Pagefind WebAssembly',
        'unzipped in JavaScript: metadata',
        'unzipped in JavaScript: fragment',
      ]);
    });

    it(`in ${file}: the unzipping code builds its tables when it first unzips, not when the runtime loads`, () => {
      type InflateModel = { tablesBuilt: () => number; inflate: () => string };
      const shipped = define<InflateModel>(model, 'inflateModel');
      expect(shipped.tablesBuilt()).toBe(1);
      const patched = define<InflateModel>(patchPagefindRuntime(model, file), 'inflateModel');
      expect(patched.tablesBuilt()).toBe(0);
      // The same tables, once, however often it unzips.
      expect(patched.inflate()).toBe(shipped.inflate());
      expect(patched.inflate()).toBe(shipped.inflate());
      expect(patched.tablesBuilt()).toBe(1);
    });

    it(`in ${file}: an index given files already being fetched takes each once, by path, and fetches the rest`, async () => {
      const fetchedByRuntime: string[] = [];
      const realFetch = globalThis.fetch;
      globalThis.fetch = (input: string | URL | Request) => {
        fetchedByRuntime.push(String(input));
        return Promise.resolve(new Response(`fetched ${String(input)}`));
      };
      try {
        const early = new Map([
          ['/pagefind/pagefind-entry.json', Promise.resolve(new Response('early entry'))],
          ['/pagefind/wasm.en.pagefind', Promise.resolve(new Response('gone', { status: 404 }))],
        ]);
        const Instance = loadInstance(patchPagefindRuntime(model, file));
        const primary = new Instance({ basePath: '/pagefind/', pacesetterFetched: early });
        const text = async (input: string) => (await primary.throttledFetch(input)).text();
        // Pagefind asks for its entry with a cache-busting query; the early fetch is the same file.
        expect(await text('https://example.org/pagefind/pagefind-entry.json?ts=123')).toBe('early entry');
        // Taken once: asked again, the file is fetched as shipped.
        expect(await text('https://example.org/pagefind/pagefind-entry.json?ts=456')).toBe(
          'fetched https://example.org/pagefind/pagefind-entry.json?ts=456',
        );
        expect(await text('https://example.org/pagefind/pagefind.en_1.pf_meta')).toBe(
          'fetched https://example.org/pagefind/pagefind.en_1.pf_meta',
        );
        // An early fetch that failed fails as Pagefind's own would.
        await expect(primary.throttledFetch('https://example.org/pagefind/wasm.en.pagefind')).rejects.toThrow(
          '404 fetching https://example.org/pagefind/wasm.en.pagefind',
        );
        expect(fetchedByRuntime).toEqual([
          'https://example.org/pagefind/pagefind-entry.json?ts=456',
          'https://example.org/pagefind/pagefind.en_1.pf_meta',
        ]);
        // Without the option, every file is fetched as shipped.
        fetchedByRuntime.length = 0;
        const plain = new Instance({ basePath: '/pagefind/' });
        expect(await (await plain.throttledFetch('https://example.org/pagefind/pagefind-entry.json')).text()).toBe(
          'fetched https://example.org/pagefind/pagefind-entry.json',
        );
      } finally {
        globalThis.fetch = realFetch;
      }
    });

    it(`in ${file}: an English query is walked by code point, with no Intl.Segmenter, to the same term`, () => {
      const made: string[] = [];
      // Intl's members are read-only to TypeScript, not to the runtime.
      const intl = Intl as unknown as { Segmenter: typeof Intl.Segmenter };
      const RealSegmenter = Intl.Segmenter;
      intl.Segmenter = class extends RealSegmenter {
        constructor(locales?: Intl.LocalesArgument, options?: Intl.SegmenterOptions) {
          super(locales, options);
          made.push(`${String(locales)} ${options?.granularity}`);
        }
      };
      try {
        const shipped = new (loadInstance(model))({});
        const patched = new (loadInstance(patchPagefindRuntime(model, file)))({});
        // Punctuation, capitals, a letter with a combining accent, an emoji sequence, a dash.
        for (const query of ['Drill-bits, “Seven” EDGES!', 'Cafe\u0301 crème', 'team 👩‍💻 – Q&A', 'Ærø (1953)']) {
          made.length = 0;
          const expected = shipped.normaliseTerm(query, 'en');
          expect(made).toEqual(['en grapheme']);
          made.length = 0;
          expect(patched.normaliseTerm(query, 'en'), query).toBe(expected);
          expect(made, query).toEqual([]);
        }
        // Chinese words are segmented as before.
        made.length = 0;
        expect(patched.normaliseTerm('新刃形钻头', 'zh-Hans')).toBe(
          new (loadInstance(model))({}).normaliseTerm('新刃形钻头', 'zh-Hans'),
        );
        expect(made).toEqual(['zh-Hans grapheme', 'zh-Hans word', 'zh-Hans grapheme', 'zh-Hans word']);
      } finally {
        intl.Segmenter = RealSegmenter;
      }
    });

    it(`in ${file}: an empty list of shards answers nothing instead of failing`, async () => {
      const Patched = load(patchPagefindRuntime(model, file));
      const response = await new Patched(instances()).search('x', { pacesetterShards: [] });
      expect(response.results).toEqual([]);
      expect(response.pacesetterShards).toEqual([]);
    });
  }

  it('is applied once: a patched runtime is returned as it is', () => {
    const once = patchPagefindRuntime(MODEL('search2', 'options2', 'filters2'), 'pagefind.js');
    expect(once.startsWith(PATCH_MARK)).toBe(true);
    expect(patchPagefindRuntime(once, 'pagefind.js')).toBe(once);
  });

  it('refuses a runtime whose lines changed, naming the file and every line that did not match', () => {
    const changed = MODEL('search2', 'options2', 'filters2').replace('.sort((a,b)=>b.score-a.score)', '.sort(byScore)');
    expect(() => patchPagefindRuntime(changed, 'dist/pagefind/pagefind.js')).toThrow(PagefindPatchError);
    expect(() => patchPagefindRuntime(changed, 'dist/pagefind/pagefind.js')).toThrow(
      'dist/pagefind/pagefind.js: the re-sort of all results by score matched 0 time(s); expected 1',
    );
    expect(() => patchPagefindRuntime('export const nothing = 1;', 'x.js')).toThrow(
      /the search over every merged index matched 0[\s\S]*the re-sort[\s\S]*the merged response[\s\S]*creation[\s\S]*entry[\s\S]*primary index's WebAssembly[\s\S]*an index's start[\s\S]*an index's options[\s\S]*an index's fetch[\s\S]*a query's split[\s\S]*the first index's extra fields/,
    );
  });
});
