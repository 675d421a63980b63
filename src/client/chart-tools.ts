/**
 * The static pages' chart tools when JavaScript runs: save the chart as it is drawn on screen
 * (the phone or the wide drawing) as SVG or PNG, and date the citation to today.
 */
import { formatDay } from '../lib/format';
import { savePng, saveSvg, type SaveInfo } from './save-chart';

export function mountChartTools(root: Document): void {
  const today = new Date().toISOString().slice(0, 10);
  for (const tools of root.querySelectorAll<HTMLElement>('[data-chart-tools]')) {
    if (tools.dataset.mounted) continue;
    tools.dataset.mounted = '';
    const citation = tools.querySelector<HTMLElement>('[data-role="chart-citation"]');
    if (citation)
      citation.textContent = citation.textContent!.replace(
        /Accessed [A-Z][a-z]+ \d{1,2}, \d{4}\.$/,
        `Accessed ${formatDay(today)}.`,
      );
    const status = tools.querySelector<HTMLElement>('[data-role="save-status"]')!;
    for (const button of tools.querySelectorAll<HTMLButtonElement>('button[data-save]')) {
      button.addEventListener('click', () => {
        const svg = visibleSvg(tools.closest('figure'));
        if (!svg) {
          status.textContent = 'This chart has no picture to save.';
          return;
        }
        const info: SaveInfo = {
          title: tools.dataset.title ?? '',
          subtitle: tools.dataset.summary ?? '',
          source: `${tools.dataset.source ?? ''} ${location.href.split('#')[0]}`,
          fileBase: tools.dataset.file ?? 'robocall-atlas-chart',
        };
        if (button.dataset.save === 'svg') saveSvg(svg, info);
        else
          void savePng(svg, info).catch(
            (error: unknown) =>
              (status.textContent = `The PNG could not be made: ${error instanceof Error ? error.message : String(error)}`),
          );
      });
    }
  }
}

/** The chart's drawing that is displayed (the figure holds a phone and a wide one). */
function visibleSvg(figure: Element | null): SVGSVGElement | null {
  if (!figure) return null;
  // A drawing may hold a legend's small svg beside the chart's: the largest visible one is the chart.
  let best: SVGSVGElement | null = null;
  let bestArea = 0;
  for (const svg of figure.querySelectorAll<SVGSVGElement>('.chart-svg svg')) {
    const box = svg.getBoundingClientRect();
    if (box.width * box.height > bestArea) [best, bestArea] = [svg, box.width * box.height];
  }
  return best;
}
