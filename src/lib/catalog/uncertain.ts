// Uncertain dates and figures (docs: CONTRIBUTING.md, "Dates and figures"): parsing,
// sorting and wording in both languages. Pure: no Astro, no schema imports, so the
// schema, the catalog, the search index and the pages all share one reading.

/** A point in time as far as the source knows it: a year, perhaps a month, perhaps a day. */
export interface DatePoint {
  year: number;
  month?: number;
  day?: number;
}

export type DecadePart = 'early' | 'mid' | 'late';

/** A date value from the frontmatter, read. */
export type DateValue =
  | { kind: 'exact'; approximate: boolean; start: DatePoint }
  | { kind: 'range'; approximate: boolean; start: DatePoint; end: DatePoint }
  | { kind: 'decade'; approximate: false; decade: number; part?: DecadePart };

const POINT = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function parsePoint(text: string, allowDay: boolean): DatePoint | undefined {
  const match = POINT.exec(text);
  if (!match) return undefined;
  const year = Number(match[1]);
  const point: DatePoint = { year };
  if (match[2] !== undefined) {
    const month = Number(match[2]);
    if (month < 1 || month > 12) return undefined;
    point.month = month;
  }
  if (match[3] !== undefined) {
    const day = Number(match[3]);
    if (!allowDay || day < 1 || day > daysIn(year, point.month!)) return undefined;
    point.day = day;
  }
  return point;
}

const pointKey = (point: DatePoint) => point.year * 10_000 + (point.month ?? 0) * 100 + (point.day ?? 0);

export interface DateRules {
  /** Whether a full day ("1951-08-17") is allowed: for adoption and source dates, not for `period`. */
  allowDay: boolean;
}

/** What a date value may look like, for error messages. */
export function dateExpectation({ allowDay }: DateRules): string {
  return `${allowDay ? '"1951", "1951-08" or "1951-08-17"' : '"1951" or "1951-08"'}, a range "1950/1952", about "~1952" or "~1950/1954", a decade "1950s", or "early 1950s", "mid 1950s", "late 1950s"`;
}

/** Reads a date value, or says why it cannot be read. */
export function parseDateValue(text: string, rules: DateRules): DateValue | { error: string } {
  const value = text.trim();
  const decade = /^(?:(early|mid|late) )?(\d{3}0)s$/.exec(value);
  if (decade) {
    const part = decade[1] as DecadePart | undefined;
    return { kind: 'decade', approximate: false, decade: Number(decade[2]), ...(part ? { part } : {}) };
  }
  const approximate = value.startsWith('~');
  const body = approximate ? value.slice(1) : value;
  const [first, second, ...rest] = body.split('/');
  if (rest.length > 0 || first === undefined) return { error: 'has more than one "/"' };
  const start = parsePoint(first, rules.allowDay);
  if (!start) return { error: 'is not a date form this field accepts' };
  if (second === undefined) return { kind: 'exact', approximate, start };
  const end = parsePoint(second, rules.allowDay);
  if (!end) return { error: 'has a range end that is not a date' };
  if (pointKey(end) <= pointKey(start)) return { error: 'is a range whose end is not after its start' };
  return { kind: 'range', approximate, start, end };
}

/** Reads a value already accepted by the schema; throws on anything else (a programming error). */
export function readDate(text: string): DateValue {
  const parsed = parseDateValue(text, { allowDay: true });
  if ('error' in parsed) throw new Error(`Not a date value: ${JSON.stringify(text)} ${parsed.error}`);
  return parsed;
}

const DECADE_PART_OFFSET: Record<DecadePart, number> = { early: 0, mid: 3, late: 7 };

/** The earliest year a value stands for: sorting and the decade facet ("mid 1950s" → 1953). */
export function dateStartYear(text: string): number {
  const value = readDate(text);
  if (value.kind === 'decade') return value.decade + (value.part ? DECADE_PART_OFFSET[value.part] : 0);
  return value.start.year;
}

/** A sortable number for the start of a value: 1951-08 → 19510800, "early 1950s" → 19500000. */
export function dateSortValue(text: string): number {
  const value = readDate(text);
  if (value.kind === 'decade') return dateStartYear(text) * 10_000;
  return pointKey(value.start);
}

/** "1950s" for any value: the decade facet. */
export function decadeOfDate(text: string): string {
  return `${Math.floor(dateStartYear(text) / 10) * 10}s`;
}

/** Whether the value is less than exact: approximate, a range or a decade. */
export function isUncertainDate(text: string): boolean {
  const value = readDate(text);
  return value.approximate || value.kind !== 'exact';
}

const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function pointEn(point: DatePoint): string {
  if (point.month === undefined) return String(point.year);
  const month = `${MONTHS_EN[point.month - 1]} ${point.year}`;
  return point.day === undefined ? month : `${point.day} ${month}`;
}

function pointZh(point: DatePoint, withYearSign = true): string {
  let text = withYearSign || point.month !== undefined ? `${point.year}年` : String(point.year);
  if (point.month !== undefined) text += `${point.month}月`;
  if (point.day !== undefined) text += `${point.day}日`;
  return text;
}

const ZH_PART: Record<DecadePart, string> = { early: '初', mid: '中期', late: '末' };

/** A date value as a reader sees it: "about 1952", "1950–1952", "early 1950s"; "约1952年", "1950—1952年", "1950年代初". */
export function formatDate(text: string, lang: string): string {
  const value = readDate(text);
  const zh = lang === 'zh';
  if (value.kind === 'decade') {
    if (zh) return `${value.decade}年代${value.part ? ZH_PART[value.part] : ''}`;
    return `${value.part ? `${value.part} ` : ''}${value.decade}s`;
  }
  let shown: string;
  if (value.kind === 'exact') shown = zh ? pointZh(value.start) : pointEn(value.start);
  else {
    const yearsOnly = value.start.month === undefined && value.end.month === undefined;
    if (zh)
      shown = yearsOnly ? `${value.start.year}—${value.end.year}年` : `${pointZh(value.start)}—${pointZh(value.end)}`;
    else
      shown = yearsOnly ? `${value.start.year}–${value.end.year}` : `${pointEn(value.start)} – ${pointEn(value.end)}`;
  }
  if (!value.approximate) return shown;
  return zh ? `约${shown}` : `about ${shown}`;
}

// ---------------------------------------------------------------------------
// Figures

/** A figure as written: exact, approximate ("about 12") or a range ("400–500"). */
export type Figure = number | { about: number } | { from: number; to: number };

export interface FigureView {
  /** The value computations use: the figure, the approximate value, or a range's midpoint. */
  value: number;
  approximate: boolean;
  from?: number;
  to?: number;
}

export function readFigure(figure: Figure): FigureView {
  if (typeof figure === 'number') return { value: figure, approximate: false };
  if ('about' in figure) return { value: figure.about, approximate: true };
  return { value: (figure.from + figure.to) / 2, approximate: true, from: figure.from, to: figure.to };
}

export const figureValue = (figure: Figure) => readFigure(figure).value;
export const isApproximateFigure = (figure: Figure) => typeof figure !== 'number';
