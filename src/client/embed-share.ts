/**
 * The explorer's "save, cite, embed" controls for the current view: the iframe snippet
 * (`[data-role=embed-code]`, with the optional resize script), the citation sentence and BibTeX
 * with a permalink pinned to the data version, and Save as SVG / PNG. Everything is written with
 * textContent or attributes: the view comes from the address bar.
 */
import { citationBibtex, citationText, type CiteInput } from '../lib/cite';
import { filterSlug } from '../lib/download/filename';
import { embedSnippet, embedUrl, exploreUrl, initialHeight } from '../lib/embed/snippet';
import { CHART_TITLES } from '../lib/catalog/enums';
import { describeFilters } from '../lib/explore/describe';
import { serializeExploreView, type ExploreView, type Names } from '../lib/explore/view';
import { savePng, saveSvg, type SaveInfo } from './save-chart';

export interface ShareContext {
  dataVersion: string;
  synthetic: boolean;
  dateMin: string | null;
  dateMax: string | null;
  names: Names;
  /** The element the chart's SVG is drawn into. */
  chart: HTMLElement;
}

export interface ShareView {
  view: ExploreView;
}

/** Today in UTC, `YYYY-MM-DD`. */
const today = () => new Date().toISOString().slice(0, 10);

async function copy(text: string, button: HTMLButtonElement, fallback: HTMLElement): Promise<void> {
  const label = button.textContent;
  try {
    await navigator.clipboard.writeText(text);
    button.textContent = 'Copied';
  } catch {
    // No clipboard permission: select the text so Ctrl+C / ⌘C works.
    if (fallback instanceof HTMLTextAreaElement) fallback.select();
    else {
      const range = document.createRange();
      range.selectNodeContents(fallback);
      getSelection()?.removeAllRanges();
      getSelection()?.addRange(range);
    }
    button.textContent = 'Press Ctrl+C to copy';
  }
  setTimeout(() => (button.textContent = label), 2500);
}

export function mountShare(
  root: HTMLElement,
  context: ShareContext,
): { update(view: ShareView): void } {
  const role = <T extends HTMLElement>(name: string) =>
    root.querySelector<T>(`[data-role="${name}"]`)!;
  const ui = {
    code: role<HTMLTextAreaElement>('embed-code'),
    withScript: role<HTMLInputElement>('embed-with-script'),
    copyCode: role<HTMLButtonElement>('embed-copy'),
    preview: role<HTMLAnchorElement>('embed-preview'),
    citeText: role('cite-text'),
    citeBibtex: role('cite-bibtex'),
    copyCite: role<HTMLButtonElement>('cite-copy'),
    copyBibtex: role<HTMLButtonElement>('cite-copy-bibtex'),
    permalink: role<HTMLAnchorElement>('permalink'),
    saveSvg: role<HTMLButtonElement>('save-svg'),
    savePng: role<HTMLButtonElement>('save-png'),
    saveStatus: role('save-status'),
  };
  let current: ExploreView | null = null;

  const pinned = (s: ExploreView) => serializeExploreView({ ...s, v: context.dataVersion });
  const title = (s: ExploreView) =>
    `${CHART_TITLES[s.chart]}: ${describeFilters(s, context.names)}`;

  const citeInput = (s: ExploreView): CiteInput => ({
    title: CHART_TITLES[s.chart],
    description: describeFilters(s, context.names),
    permalink: exploreUrl(location.origin, pinned(s)),
    dataVersion: context.dataVersion,
    accessed: today(),
    dataFrom: context.dateMin,
    dataTo: context.dateMax,
    synthetic: context.synthetic,
  });

  const render = () => {
    if (!current) return;
    const query = pinned(current);
    const src = embedUrl(location.origin, query);
    const snippet = embedSnippet({
      src,
      title: title(current),
      height: initialHeight(current.chart),
      script: ui.withScript.checked ? `${location.origin}/embed.js` : undefined,
    });
    // textContent sets the textarea's default value, which its value follows while nobody edits it.
    ui.code.textContent = snippet;
    ui.code.value = snippet;
    ui.preview.href = src;
    const cite = citeInput(current);
    ui.citeText.textContent = citationText(cite);
    ui.citeBibtex.textContent = citationBibtex(cite);
    ui.permalink.href = cite.permalink;
    ui.permalink.textContent = cite.permalink;
    const drawable = current.chart !== 'table';
    ui.saveSvg.disabled = !drawable;
    ui.savePng.disabled = !drawable;
    ui.saveStatus.textContent = drawable
      ? ''
      : 'The table view has no chart to save; download its rows instead.';
  };

  const saveInfo = (s: ExploreView): SaveInfo => ({
    title: CHART_TITLES[s.chart],
    subtitle: describeFilters(s, context.names),
    source: `Source: Robocall Atlas, FTC Do Not Call complaints${context.synthetic ? ' (synthetic sample data)' : ''}; data version ${context.dataVersion}. ${exploreUrl(location.origin, pinned(s))}`,
    fileBase: `robocall-atlas-${s.chart}-${filterSlug(s)}-${context.dataVersion}`,
  });

  const chartSvg = () => context.chart.querySelector<SVGSVGElement>(':scope > svg, svg');

  ui.withScript.addEventListener('change', render);
  ui.copyCode.addEventListener('click', () => void copy(ui.code.value, ui.copyCode, ui.code));
  ui.copyCite.addEventListener(
    'click',
    () => void copy(ui.citeText.textContent ?? '', ui.copyCite, ui.citeText),
  );
  ui.copyBibtex.addEventListener(
    'click',
    () => void copy(ui.citeBibtex.textContent ?? '', ui.copyBibtex, ui.citeBibtex),
  );
  ui.saveSvg.addEventListener('click', () => {
    const svg = chartSvg();
    if (!svg || !current)
      return void (ui.saveStatus.textContent = 'The chart has not been drawn yet.');
    saveSvg(svg, saveInfo(current));
  });
  ui.savePng.addEventListener('click', () => {
    const svg = chartSvg();
    if (!svg || !current)
      return void (ui.saveStatus.textContent = 'The chart has not been drawn yet.');
    savePng(svg, saveInfo(current)).catch(
      (error: unknown) =>
        (ui.saveStatus.textContent = `The PNG could not be made: ${error instanceof Error ? error.message : String(error)}`),
    );
  });

  return {
    update({ view }) {
      current = view;
      render();
    },
  };
}
