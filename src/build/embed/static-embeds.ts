/**
 * Build time: the canonical charts that have a static embed page (`/embed/national/<chart>/`,
 * `/embed/states/<usps>/<chart>/`), each drawn by the static pages' own figure code (so the embed
 * and the page show the same SVG), with its oEmbed JSON and discovery link (docs/PEERS.md §14.3).
 *
 * oEmbed wants absolute URLs. The site's address comes from `ROBOCALL_SITE_URL` (or Astro's
 * `site` option); a deployment sets it. Without it the JSON names http://localhost:4321, the
 * address `npm start` serves.
 */
import type { Figure } from '../../lib/site-data/figure';
import { loadHome } from '../site-data/home';
import { stateUrl } from '../../lib/site-data/routes';
import { loadSite } from '../site-data/site';
import { loadStates } from '../site-data/states';
import { serializeExploreView, DEFAULT_VIEW, type ExploreView } from '../../lib/explore/view';
import { iframeHtml } from '../../lib/embed/snippet';
import { fitHeight } from '../../lib/embed/fit-height';
import { discoveryKey, stateTemplate, USPS_TOKEN, type Discovery } from '../../lib/embed/discovery';

/** What StaticChart.astro writes after the source line; counted in the embed's height. */
export const EMBED_LINKS_TEXT = 'See it on Robocall Atlas · Explore, download and cite';
const heightOf = (figure: Figure) => fitHeight({ figure, links: EMBED_LINKS_TEXT });

export const PROVIDER_NAME = 'Robocall Atlas';

/** The site's absolute origin for oEmbed (no trailing slash). */
export function siteOrigin(): string {
  const configured = process.env.ROBOCALL_SITE_URL ?? (import.meta.env?.SITE as string | undefined);
  const origin =
    configured && /^https?:\/\//.test(configured) ? configured : 'http://localhost:4321';
  return origin.replace(/\/+$/, '');
}

export interface StaticEmbed {
  /** `/embed/national/trend/`. */
  path: string;
  /** Route params. */
  scope: 'national' | 'state';
  usps: string | null;
  chart: string;
  figure: Figure;
  /** Where the chart is on the site: `/#trend`, `/states/oh/#rate`. */
  pageUrl: string;
  /** The closest explorer view, pinned to the data version. */
  exploreUrl: string;
  /** That view. */
  exploreView: ExploreView;
  /** The iframe's starting height (px) in the oEmbed and snippet. */
  height: number;
  dataVersion: string;
  synthetic: boolean;
}

export const NATIONAL_CHARTS = ['trend', 'map', 'subjects'] as const;
export const STATE_CHARTS = ['trend', 'rate', 'subjects', 'area-codes', 'callers'] as const;

function explore(view: Partial<ExploreView>, version: string): string {
  const query = serializeExploreView({ ...DEFAULT_VIEW, ...view, v: version });
  return `/explore/${query ? `?${query}` : ''}`;
}

const fullView = (view: Partial<ExploreView>): ExploreView => ({ ...DEFAULT_VIEW, ...view });

export async function nationalEmbeds(): Promise<StaticEmbed[]> {
  const [site, home, states] = await Promise.all([loadSite(), loadHome(), loadStates()]);
  const first = site.months[0];
  const last = site.months.at(-1);
  const wFirst = site.window[0];
  const wLast = site.window.at(-1);
  const span = (a?: string, b?: string) => (a && b ? { from: a, to: b } : {});
  const figures: Record<(typeof NATIONAL_CHARTS)[number], [Figure, Partial<ExploreView>]> = {
    trend: [home.trend, { chart: 'trend', ...span(first, last) }],
    map: [states.map, { chart: 'map', measure: 'per100k', ...span(wFirst, wLast) }],
    subjects: [home.subjects, { chart: 'subjects', ...span(first, last) }],
  };
  return NATIONAL_CHARTS.map((chart) => {
    const [figure, view] = figures[chart];
    return {
      path: `/embed/national/${chart}/`,
      scope: 'national',
      usps: null,
      chart,
      figure,
      pageUrl: `/#${figure.id}`,
      exploreUrl: explore(view, site.dataVersion),
      exploreView: fullView(view),
      height: heightOf(figure),
      dataVersion: site.dataVersion,
      synthetic: site.synthetic,
    };
  });
}

export async function stateEmbeds(): Promise<StaticEmbed[]> {
  const [site, states] = await Promise.all([loadSite(), loadStates()]);
  const first = site.months[0];
  const last = site.months.at(-1);
  const wFirst = site.window[0];
  const wLast = site.window.at(-1);
  const out: StaticEmbed[] = [];
  for (const [usps, page] of states.pages) {
    const views: Record<(typeof STATE_CHARTS)[number], [Figure, Partial<ExploreView>]> = {
      trend: [
        page.figures.trend,
        { chart: 'trend', states: [usps], ...(first && last ? { from: first, to: last } : {}) },
      ],
      rate: [
        page.figures.rate,
        {
          chart: 'trend',
          measure: 'per100k',
          states: [usps],
          ...(first && last ? { from: first, to: last } : {}),
        },
      ],
      subjects: [
        page.figures.subjects,
        {
          chart: 'subjects',
          states: [usps],
          ...(wFirst && wLast ? { from: wFirst, to: wLast } : {}),
        },
      ],
      'area-codes': [
        page.figures.areaCodes,
        {
          chart: 'area-codes',
          states: [usps],
          ...(wFirst && wLast ? { from: wFirst, to: wLast } : {}),
        },
      ],
      callers: [
        page.figures.callers,
        {
          chart: 'callers',
          states: [usps],
          ...(wFirst && wLast ? { from: wFirst, to: wLast } : {}),
        },
      ],
    };
    for (const chart of STATE_CHARTS) {
      const [figure, view] = views[chart];
      out.push({
        path: `/embed/states/${usps.toLowerCase()}/${chart}/`,
        scope: 'state',
        usps,
        chart,
        figure,
        pageUrl: `${stateUrl(usps)}#${figure.id}`,
        exploreUrl: explore(view, site.dataVersion),
        exploreView: fullView(view),
        height: heightOf(figure),
        dataVersion: site.dataVersion,
        synthetic: site.synthetic,
      });
    }
  }
  return out;
}

/**
 * The explorer views that have a static embed, for /explore/'s oEmbed discovery
 * (src/lib/embed/discovery.ts): every state's views as one template each, and the default view,
 * which is the national trend (every complaint by month over the whole data).
 */
export async function exploreDiscovery(): Promise<Discovery> {
  const [national, states] = await Promise.all([nationalEmbeds(), stateEmbeds()]);
  const views = new Map<string, string>();
  for (const embed of national) views.set(discoveryKey(embed.exploreView), embed.path);
  views.set(discoveryKey(DEFAULT_VIEW), national.find((e) => e.chart === 'trend')!.path);
  for (const embed of states) {
    const usps = embed.usps!;
    views.set(
      stateTemplate(discoveryKey(embed.exploreView), usps),
      embed.path.replace(`/${usps.toLowerCase()}/`, `/${USPS_TOKEN}/`),
    );
  }
  return {
    views: [...views].map(([key, path]) => ({ key, path })),
    states: [...new Set(states.map((e) => e.usps!))].sort(),
  };
}

/** The iframe's accessible name and the oEmbed title. */
export function embedTitle(embed: StaticEmbed): string {
  return embed.figure.title;
}

/** `/embed/national/trend/oembed.json`. */
export function oembedPath(embed: Pick<StaticEmbed, 'path'>): string {
  return `${embed.path}oembed.json`;
}

/** The oEmbed 1.0 response for a static embed: type `rich`, the iframe as `html`. */
export function oembedJson(embed: StaticEmbed, origin = siteOrigin()): Record<string, unknown> {
  const width = 640;
  return {
    version: '1.0',
    type: 'rich',
    provider_name: PROVIDER_NAME,
    provider_url: `${origin}/`,
    title: embedTitle(embed),
    html: iframeHtml({
      src: `${origin}${embed.path}`,
      title: embedTitle(embed),
      height: embed.height,
    }),
    width,
    height: embed.height,
    cache_age: 86_400,
    // Not oEmbed fields, but useful to a consumer that reads them: what the chart is and where.
    url: `${origin}${embed.path}`,
    page_url: `${origin}${embed.pageUrl}`,
    data_version: embed.dataVersion,
    synthetic: embed.synthetic,
  };
}

/**
 * The discovery link for the page that shows a chart: `<link rel="alternate"
 * type="application/json+oembed" href=… title=…>`. Root-relative, so it is right on any host.
 */
export function oembedLink(embed: StaticEmbed): {
  rel: 'alternate';
  type: 'application/json+oembed';
  href: string;
  title: string;
} {
  return {
    rel: 'alternate',
    type: 'application/json+oembed',
    href: oembedPath(embed),
    title: embedTitle(embed),
  };
}

/**
 * For the static pages (`/`, `/states/<usps>/`): the oEmbed links of the charts they show, to put
 * in `<head>` (Base.astro's `head` slot).
 */
export async function oembedLinksForPage(
  pagePath: string,
): Promise<ReturnType<typeof oembedLink>[]> {
  const all = [...(await nationalEmbeds()), ...(await stateEmbeds())];
  return all.filter((e) => e.pageUrl.split('#')[0] === pagePath).map(oembedLink);
}
