// The components a write-up may use (Figure, Callout, Steps, BeforeAfter): one table,
// WRITE_UP_COMPONENTS, with each component's props (what the MDX guard, mdx-guard.ts,
// allows) and its rendering, a function from plain-text props to HTML elements (hast;
// render-write-up.ts calls it). The guard has already refused anything but plain
// strings, so the components only turn text into figures and labels. Their styles are
// in src/styles/write-up.css.
import type { Element, ElementContent } from 'hast';
import { h, s } from 'hastscript';
import type { Lang } from '../../schema/experience.ts';
import { translate } from '../i18n/i18n.ts';
import { barWidths, computeImprovement, formatImprovement, formatNumber, type Direction } from '../catalog/metrics.ts';

export interface PropRule {
  required?: boolean;
  /** The allowed values, when the prop is a choice. */
  oneOf?: readonly string[];
  /** The prop is a number written as text, e.g. before="12". */
  numeric?: boolean;
  /** The prop is an image address. */
  image?: boolean;
}

export interface ComponentRule {
  props: Record<string, PropRule>;
  /** Steps must wrap a numbered list. */
  wrapsOrderedList?: boolean;
}

export const CALLOUT_KINDS = ['tip', 'warning', 'note'] as const;
export const BETTER_VALUES = ['higher', 'lower'] as const;
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

/** Props as written in the write-up: text, or true for a bare attribute. */
export type ComponentProps = Record<string, string | true>;

type Component = (props: ComponentProps, children: ElementContent[], lang: Lang) => Element[];

const text = (props: ComponentProps, name: string) => {
  const value = props[name];
  return typeof value === 'string' ? value : undefined;
};

/** <Figure src alt caption credit />: an image with its caption and where it comes from. */
function figure(props: ComponentProps, _children: ElementContent[], lang: Lang): Element[] {
  const caption = text(props, 'caption');
  const credit = text(props, 'credit');
  return [
    h('figure.mdx-figure', [
      h('img', { src: text(props, 'src') ?? '', alt: text(props, 'alt') ?? '', loading: 'lazy', decoding: 'async' }),
      ...(caption || credit
        ? [
            h('figcaption', [
              caption ?? '',
              ...(credit ? [h('span.credit', `${translate(lang, 'mdx.credit')}: ${credit}`)] : []),
            ]),
          ]
        : []),
    ]),
  ];
}

/** <Callout kind title>Markdown</Callout>: a tip, warning or note set off from the text. */
function callout(props: ComponentProps, children: ElementContent[], lang: Lang): Element[] {
  const kind = calloutKind(props.kind);
  const title = text(props, 'title') ?? translate(lang, `mdx.callout.${kind}`);
  return [
    h('aside', { className: ['callout', `callout-${kind}`], ariaLabel: title }, [
      h('p.callout-title', title),
      ...children,
    ]),
  ];
}

/** <Steps> around a numbered list: "how to adopt it", step by step (the guard checks the list). */
function steps(_props: ComponentProps, children: ElementContent[]): Element[] {
  return [h('div.steps', children)];
}

/**
 * <BeforeAfter metric unit before after better />: the old and the new figure as
 * bars and the change computed by metrics.ts (never typed in). Bar lengths are
 * SVG attributes because the CSP forbids inline style attributes.
 */
function beforeAfter(props: ComponentProps, _children: ElementContent[], lang: Lang): Element[] {
  const view = beforeAfterView(
    {
      metric: text(props, 'metric') ?? '',
      unit: text(props, 'unit') ?? '',
      before: text(props, 'before') ?? '',
      after: text(props, 'after') ?? '',
      better: text(props, 'better') ?? '',
    },
    lang,
  );
  if (!view) return [];
  const figureOf = (label: 'experience.before' | 'experience.after', value: string) =>
    h('div', [h('dt', translate(lang, label)), h('dd', `${value} ${view.unit}`)]);
  return [
    h('figure.before-after', [
      h('figcaption', [
        `${view.metric} (${view.unit}): `,
        h('span', { className: [`change-${view.direction}`] }, view.change),
      ]),
      s('svg', { viewBox: '0 0 100 22', preserveAspectRatio: 'none', ariaHidden: 'true', focusable: 'false' }, [
        s('rect.bar-before', { x: 0, y: 1, width: view.beforeBar, height: 9 }),
        s('rect.bar-after', { x: 0, y: 12, width: view.afterBar, height: 9 }),
      ]),
      h('dl', [figureOf('experience.before', view.before), figureOf('experience.after', view.after)]),
    ]),
  ];
}

export interface WriteUpComponent extends ComponentRule {
  render: Component;
}

/** The components by the name a write-up uses: what the guard allows and how each renders. */
export const WRITE_UP_COMPONENTS: Record<string, WriteUpComponent> = {
  Figure: {
    props: { src: { required: true, image: true }, alt: { required: true }, caption: {}, credit: {} },
    render: figure,
  },
  Callout: { props: { kind: { required: true, oneOf: CALLOUT_KINDS }, title: {} }, render: callout },
  Steps: { props: {}, wrapsOrderedList: true, render: steps },
  BeforeAfter: {
    props: {
      metric: { required: true },
      unit: { required: true },
      before: { required: true, numeric: true },
      after: { required: true, numeric: true },
      better: { required: true, oneOf: BETTER_VALUES },
    },
    render: beforeAfter,
  },
};
