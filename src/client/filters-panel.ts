/**
 * The explorer's filters panel: folded on a phone (the answer comes first, the summary line says
 * which filters apply), open beside the results on a wide screen. The CSS shows the panel's content
 * on wide screens even while closed; this keeps `open` true there, so keyboard and screen-reader
 * users meet the same controls the eye sees.
 */
const WIDE = '(min-width: 60rem)';

export interface FiltersPanel {
  /** The filters in words, shown on the folded panel. */
  describe(text: string): void;
}

export function mountFiltersPanel(panel: HTMLDetailsElement, now: HTMLElement): FiltersPanel {
  const wide = window.matchMedia(WIDE);
  const follow = () => {
    if (wide.matches) panel.open = true;
  };
  follow();
  wide.addEventListener('change', follow);
  return {
    describe(text) {
      now.textContent = text;
    },
  };
}
