/**
 * While a view is being computed, the count and chart on screen belong to the previous view. This
 * says so in words (what is being computed, and for how long once it passes a second) and marks
 * them stale (`data-stale` on the results: hatched, greyed, labelled), so nobody reads the old
 * number as the answer to the new question.
 */
const SLOW_MS = 1000;

export interface Staleness {
  /** The numbers on screen no longer answer the view; `what` says what is being computed. */
  start(what: string, onScreen?: string): void;
  /** The numbers on screen answer the view again. */
  clear(): void;
}

export function mountStaleness(results: HTMLElement, note: HTMLElement): Staleness {
  let timer: ReturnType<typeof setInterval> | undefined;
  const stop = () => {
    if (timer !== undefined) clearInterval(timer);
    timer = undefined;
  };
  return {
    start(what, onScreen = 'The count and chart below are from before your change.') {
      stop();
      const began = performance.now();
      results.dataset.stale = '';
      note.hidden = false;
      const said = document.createElement('span');
      said.textContent = onScreen ? `${what}. ${onScreen}` : `${what}.`;
      // The seconds tick visibly but are not re-announced to screen readers every second.
      const clock = document.createElement('span');
      clock.setAttribute('aria-hidden', 'true');
      clock.className = 'stale-clock';
      note.replaceChildren(said, clock);
      timer = setInterval(() => {
        clock.textContent = ` ${Math.round((performance.now() - began) / 1000)} s so far…`;
      }, SLOW_MS);
    },
    clear() {
      stop();
      delete results.dataset.stale;
      note.hidden = true;
      note.replaceChildren();
    },
  };
}
