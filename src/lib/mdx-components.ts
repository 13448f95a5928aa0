// What the write-up components show, computed from their plain-text props.
// The MDX guard has already refused anything but plain strings, so the
// components only need to turn text into figures and labels here.
import type { Lang } from '../schema/experience.ts';
import { barWidths, computeImprovement, formatImprovement, formatNumber, type Direction } from './metrics.ts';

export const CALLOUT_KINDS = ['tip', 'warning', 'note'] as const;
export type CalloutKind = (typeof CALLOUT_KINDS)[number];

/** An unknown kind (which the guard refuses anyway) renders as a neutral note. */
export function calloutKind(kind: unknown): CalloutKind {
  return (CALLOUT_KINDS as readonly unknown[]).includes(kind) ? (kind as CalloutKind) : 'note';
}

export interface BeforeAfterProps {
  metric: string;
  unit: string;
  before: string | number;
  after: string | number;
  better: string;
}

export interface BeforeAfterView {
  metric: string;
  unit: string;
  before: string;
  after: string;
  change: string;
  direction: Direction;
  /** Bar lengths in percent of the larger figure, at least 1 so a zero still shows. */
  beforeBar: number;
  afterBar: number;
}

const toNumber = (value: string | number) => (typeof value === 'number' ? value : Number(String(value).trim()));

/** Figures, change and bar lengths for <BeforeAfter>; undefined when the figures are not numbers. */
export function beforeAfterView(props: BeforeAfterProps, lang: Lang): BeforeAfterView | undefined {
  const before = toNumber(props.before);
  const after = toNumber(props.after);
  if (
    !Number.isFinite(before) ||
    !Number.isFinite(after) ||
    String(props.before).trim() === '' ||
    String(props.after).trim() === ''
  )
    return undefined;
  const better = props.better === 'lower' ? 'lower' : 'higher';
  const figures = { before, after, better } as const;
  const bars = barWidths(before, after, 100, 1);
  return {
    metric: props.metric,
    unit: props.unit,
    before: formatNumber(before, lang),
    after: formatNumber(after, lang),
    change: formatImprovement(figures, lang),
    direction: computeImprovement(figures).direction,
    beforeBar: Math.round(bars.before),
    afterBar: Math.round(bars.after),
  };
}

/** The page tells the components which language the write-up is in (see setWriteUpLang). */
interface LangLocals {
  pacesetterWriteUpLang?: Lang;
}

/** Called by the write-up page before it renders <Content />. */
export function setWriteUpLang(locals: object, lang: Lang): void {
  (locals as LangLocals).pacesetterWriteUpLang = lang;
}

export function writeUpLang(locals: object): Lang {
  return (locals as LangLocals).pacesetterWriteUpLang ?? 'en';
}
