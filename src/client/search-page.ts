// The search page's script (bundled by Astro, loaded only on /search/): runs
// Pagefind searches for the state in the URL, keeps the URL in step with the
// form, updates the facet counts and draws result cards.
//
// Pagefind's Component UI (@pagefind/component-ui) was not used: its filter pane
// shows raw filter values (our values are ids such as "machine-building") and
// capitalised filter keys, keeps no state in the URL, and counts each facet only
// within the current selection, so a second sector can never be added. The pane
// here is rendered at build time with real names and works as a plain form; this
// script is a thin layer over the sharded search (src/client/sharded-search.ts),
// which runs Pagefind over the shards a query needs and merges their answers.
import { fillTemplate } from '../lib/i18n/placeholders.ts';
import {
  openShardedSearch,
  type PagefindResultData,
  type ShardedAnswer,
  type ShardedSearch,
} from './sharded-search.ts';
import {
  FILTER_KEYS,
  effectiveSort,
  emptyReason,
  readableExcerpt,
  hasFilters,
  isFilterKey,
  parseSearchState,
  relaxedQuery,
  sameState,
  serializeSearchState,
  withFilter,
  withoutUnknownFilters,
  type FilterKey,
  type SearchState,
  type SortOrder,
} from '../lib/search/search-state.ts';

type Counts = Record<string, Record<string, number>>;

interface Strings {
  loading: string;
  countOne: string;
  countMany: string;
  countAll: string;
  empty: string;
  emptyQuery: string;
  emptyNothing: string;
  unknownFilters: string;
  toggleFilters: string;
  toggleFiltersCount: string;
  relaxed: string;
  failed: string;
  noFigures: string;
  draft: string;
  archived: string;
}

const PAGE_SIZE = 20;
const TYPING_DELAY_MS = 150;

function required<T extends Element>(root: ParentNode, selector: string): T {
  const element = root.querySelector<T>(selector);
  if (!element) throw new Error(`search page: missing ${selector}`);
  return element;
}

const form = document.querySelector<HTMLFormElement>('[data-search-form]');
if (form) void start(form);

async function start(form: HTMLFormElement) {
  const strings = JSON.parse(form.dataset.strings ?? '{}') as Strings;
  const input = required<HTMLInputElement>(form, 'input[name="q"]');
  const sortSelect = required<HTMLSelectElement>(form, 'select[name="sort"]');
  const summary = required<HTMLElement>(form, '[data-search-summary]');
  const note = required<HTMLElement>(form, '[data-search-note]');
  const list = required<HTMLOListElement>(form, '[data-search-results]');
  const empty = required<HTMLElement>(form, '[data-search-empty]');
  const more = required<HTMLButtonElement>(form, '[data-search-more]');
  const checkboxes = [...form.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')].filter((box) =>
    isFilterKey(box.name),
  );
  const unknownNote = required<HTMLElement>(form, '[data-search-unknown]');
  const relevance = sortSelect.querySelector<HTMLOptionElement>('option[value="relevance"]');
  // Every facet value the pane offers; anything else in a URL is dropped visibly.
  const known: Partial<Record<FilterKey, string[]>> = {};
  for (const box of checkboxes) (known[box.name as FilterKey] ??= []).push(box.value);
  const facetName = (key: FilterKey) =>
    form.querySelector(`fieldset[data-facet="${key}"] legend`)?.textContent?.trim() ?? key;
  /** The state from the URL, without filter values the site does not have (said in a note). */
  const stateFromUrl = (): SearchState => {
    const { state: clean, unknown } = withoutUnknownFilters(parseSearchState(window.location.search), known);
    unknownNote.hidden = unknown.length === 0;
    unknownNote.textContent = fillTemplate(strings.unknownFilters, {
      filters: unknown.map(({ key, value }) => `${facetName(key)} “${value}”`).join(', '),
    });
    return clean;
  };
  // On a phone the facets fold behind a "Filters" button so that the results come first.
  const toggle = required<HTMLButtonElement>(form, '[data-filters-toggle]');
  const pane = required<HTMLElement>(form, '#facet-pane');
  const setFiltersOpen = (open: boolean) => {
    toggle.setAttribute('aria-expanded', String(open));
    pane.toggleAttribute('data-collapsed', !open);
  };
  toggle.hidden = false;
  setFiltersOpen(false);
  toggle.addEventListener('click', () => setFiltersOpen(toggle.getAttribute('aria-expanded') !== 'true'));
  // With the script, every change applies at once.
  for (const element of form.querySelectorAll<HTMLElement>('[data-without-script]')) element.hidden = true;

  summary.textContent = strings.loading;
  let sharded: ShardedSearch;
  try {
    // Result URLs get the base path (a fork at /<repo>/) from Pagefind itself, which takes it
    // from the address the bundle was loaded from (tests/e2e/base-path.test.ts).
    sharded = await openShardedSearch({
      pagefindUrl: `${import.meta.env.BASE_URL.replace(/\/?$/, '/')}pagefind/`,
      lang: form.dataset.lang ?? 'en',
      excerptLength: 24,
    });
  } catch (error) {
    summary.textContent = strings.failed;
    console.warn('Pagefind could not be loaded', error);
    return;
  }

  let state = stateFromUrl();
  // A reader may have typed while the search code loaded: keep what they typed.
  if (input.value.trim() && input.value.trim() !== state.q) state = { ...state, q: input.value.trim() };
  // While the reader types, one history entry follows the query instead of one per keystroke.
  let typing = false;
  let generation = 0;
  let pending: ShardedAnswer | undefined;
  let typingTimer: ReturnType<typeof setTimeout> | undefined;

  const urlOf = (next: SearchState) => `${window.location.pathname}${serializeSearchState(next)}`;
  window.history.replaceState(null, '', urlOf(state));
  showState(state);
  void run(state);

  function commit(next: SearchState, mode: 'push' | 'replace') {
    if (sameState(next, state)) return;
    state = next;
    if (mode === 'push') window.history.pushState(null, '', urlOf(state));
    else window.history.replaceState(null, '', urlOf(state));
    void run(state);
  }

  input.addEventListener('input', () => {
    clearTimeout(typingTimer);
    typingTimer = setTimeout(() => {
      commit({ ...state, q: input.value }, typing ? 'replace' : 'push');
      typing = true;
    }, TYPING_DELAY_MS);
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearTimeout(typingTimer);
    commit({ ...state, q: input.value }, typing ? 'replace' : 'push');
    typing = false;
  });
  for (const box of checkboxes) {
    box.addEventListener('change', () => {
      clearTimeout(typingTimer);
      typing = false;
      commit(withFilter({ ...state, q: input.value }, box.name as FilterKey, box.value, box.checked), 'push');
    });
  }
  sortSelect.addEventListener('change', () => {
    typing = false;
    commit({ ...state, q: input.value, sort: sortSelect.value as SortOrder }, 'push');
  });
  required<HTMLAnchorElement>(form, '[data-clear-filters]').addEventListener('click', (event) => {
    event.preventDefault();
    typing = false;
    commit({ ...state, q: input.value, filters: {} }, 'push');
    showState(state);
  });
  window.addEventListener('popstate', () => {
    clearTimeout(typingTimer);
    typing = false;
    state = stateFromUrl();
    showState(state);
    void run(state);
  });
  more.addEventListener('click', () => {
    void showMore(generation, true);
  });

  function showState(current: SearchState) {
    if (input.value.trim() !== current.q) input.value = current.q;
    for (const box of checkboxes) box.checked = current.filters[box.name as FilterKey]?.includes(box.value) ?? false;
    showSort(current);
  }

  /** The menu shows the order the list is really in; "Best match" needs a query. */
  function showSort(current: SearchState) {
    if (relevance) relevance.disabled = !current.q.trim();
    sortSelect.value = effectiveSort(current);
  }

  function showFilterCount(current: SearchState) {
    const n = Object.values(current.filters).reduce((sum, values) => sum + values.length, 0);
    toggle.textContent = n > 0 ? fillTemplate(strings.toggleFiltersCount, { n }) : strings.toggleFilters;
  }

  async function run(current: SearchState) {
    const mine = ++generation;
    let found = await sharded.search(current);
    let relaxedTo: string | null = null;
    if (found.total === 0 && current.q) {
      const relaxed = relaxedQuery(current.q);
      const retry = relaxed ? await sharded.search({ ...current, q: relaxed }) : null;
      if (retry && retry.total > 0) {
        found = retry;
        relaxedTo = relaxed;
      }
    }
    if (mine !== generation) return;
    const searched = relaxedTo ? { ...current, q: relaxedTo } : current;
    const selectedKeys = FILTER_KEYS.filter((key) => (current.filters[key]?.length ?? 0) > 0);
    showSort(current);
    showFilterCount(current);

    const total = found.total;
    // A blank search lists everything; by default newest first (see pagefindRequest).
    const blank = !current.q && !hasFilters(current);
    const emptyMessage = {
      filters: strings.empty,
      query: fillTemplate(strings.emptyQuery, { q: current.q }),
      nothing: strings.emptyNothing,
    }[emptyReason(current)];
    summary.textContent =
      total === 0
        ? emptyMessage
        : blank
          ? fillTemplate(strings.countAll, { n: total })
          : total === 1
            ? strings.countOne
            : fillTemplate(strings.countMany, { n: total });
    note.hidden = relaxedTo === null;
    note.textContent = relaxedTo ? fillTemplate(strings.relaxed, { q: current.q, relaxed: relaxedTo }) : '';
    empty.hidden = total > 0;
    list.replaceChildren();
    // Without words to match, an excerpt is just the start of the page: the card shows the summary.
    showSummaries = !searched.q.trim();
    pending = found;
    await showMore(mine, false);

    // The counts follow the results (they need every shard's filter files).
    // Facets without a selection are counted within this search. Each facet with
    // a selection is counted without its own selection, so the counts say what
    // adding another value of that facet would give: a search per such facet,
    // and for the sector facet every shard of the language.
    const counts = await found.counts();
    if (mine !== generation) return;
    updateFacets(
      counts,
      current,
      FILTER_KEYS.filter((key) => !selectedKeys.includes(key)),
    );
    const ownCounts = await Promise.all(
      selectedKeys.map(async (key) => (await (await sharded.search(searched, key)).counts())[key] ?? {}),
    );
    if (mine !== generation) return;
    updateFacets(
      Object.fromEntries(selectedKeys.map((key, index) => [key, ownCounts[index] ?? {}])),
      current,
      selectedKeys,
    );
  }

  let showSummaries = true;
  async function showMore(mine: number, moveFocus: boolean) {
    const answer = pending;
    if (!answer) return;
    const data = await answer.take(PAGE_SIZE);
    if (mine !== generation) return;
    const cards = data.map(card);
    list.append(...cards);
    more.hidden = answer.done;
    // Keyboard users continue where the new results start.
    if (moveFocus) cards[0]?.querySelector('a')?.focus();
  }

  /** Shows the counts of these facets; the others keep theirs. */
  function updateFacets(counts: Counts, current: SearchState, keys: readonly FilterKey[]) {
    for (const fieldset of form.querySelectorAll<HTMLFieldSetElement>('fieldset[data-facet]')) {
      const key = fieldset.dataset.facet ?? '';
      if (!keys.includes(key as FilterKey)) continue;
      let visible = 0;
      for (const option of fieldset.querySelectorAll<HTMLElement>('[data-facet-option]')) {
        const box = option.querySelector<HTMLInputElement>('input[type="checkbox"]');
        const count = box ? (counts[key]?.[box.value] ?? 0) : 0;
        const countElement = option.querySelector('[data-facet-count]');
        if (countElement) countElement.textContent = String(count);
        // A value that would give nothing is hidden, unless it is selected (it must stay removable).
        option.hidden = count === 0 && !(box && current.filters[key as FilterKey]?.includes(box.value));
        if (!option.hidden) visible += 1;
      }
      fieldset.hidden = visible === 0;
    }
  }

  function card(result: PagefindResultData): HTMLLIElement {
    const item = document.createElement('li');
    item.className = 'card result';
    const title = document.createElement('h3');
    title.className = 'result-title';
    const link = document.createElement('a');
    link.href = result.url;
    link.textContent = result.meta.title ?? result.url;
    title.append(link);
    const status = result.meta.status;
    if (status === 'draft' || status === 'archived') {
      const tag = document.createElement('span');
      tag.className = 'tag';
      tag.textContent = strings[status];
      title.append(' ', tag);
    }
    const headline = document.createElement('p');
    headline.className = result.meta.headline ? 'headline' : 'headline no-figures';
    headline.textContent = result.meta.headline
      ? [result.meta.metric, result.meta.headline].filter(Boolean).join(': ')
      : strings.noFigures;
    const excerpt = document.createElement('p');
    excerpt.className = 'result-excerpt';
    const parts =
      showSummaries && result.meta.summary
        ? [{ text: result.meta.summary, marked: false }]
        : readableExcerpt(result.content, result.excerpt);
    for (const part of parts) {
      if (part.marked) {
        const mark = document.createElement('mark');
        mark.textContent = part.text;
        excerpt.append(mark);
      } else {
        excerpt.append(part.text);
      }
    }
    const meta = document.createElement('p');
    meta.className = 'meta';
    meta.textContent = [result.meta.sector, result.meta.industry, result.meta.organization, result.meta.period]
      .filter(Boolean)
      .join(' · ');
    item.append(title, headline, excerpt, meta);
    return item;
  }
}
