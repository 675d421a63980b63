/**
 * "Has anyone reported this number?" in the browser: the form of CallerLookup.astro, answered with
 * the page's DuckDB engine from the caller index. Without JavaScript the same form is a plain GET
 * to /callers/, whose static pages answer for the most-reported numbers. Every decision is in
 * src/lib/caller/ (what a typed number means, the SQL, the words); this file only wires.
 */
import {
  answerChart,
  describeAnswer,
  providerHrefs,
  type AnswerNames,
  type AnswerView,
} from '../lib/caller/answer';
import { lookupQuery, shapeLookup, type LookupRow } from '../lib/caller/lookup';
import { parseCallerNumber } from '../lib/caller/number';
import type { LookupPageConfig } from '../lib/caller/page-config';
import type { Engine, EngineStage } from './engine';
import { queryPrepared } from './query';

export type LookupConfig = LookupPageConfig;

const STAGES: Record<EngineStage, string> = {
  'loading engine': 'loading the database engine (about 8 MB, once)',
  'starting engine': 'starting the database engine',
  'opening data': 'opening the data',
  ready: 'looking it up',
};

/** Looks a number up with a started engine: one query, shaped into an answer. */
export async function lookUp(engine: Engine, digits: string, years: readonly number[]) {
  const q = lookupQuery(digits, years);
  const started = performance.now();
  const table = await queryPrepared(engine, q.sql, q.params);
  // Read by `npm run bench -- lookup` and by the tests (a refused number must leave no such mark).
  performance.measure('robocall-atlas:lookup', {
    start: started,
    end: performance.now(),
    detail: digits,
  });
  return shapeLookup(
    digits,
    table.toArray().map((row) => ({ ...(row as { toJSON(): LookupRow }).toJSON() })),
  );
}

export function mountCallerLookup(
  form: HTMLFormElement,
  config: LookupConfig,
  options: { keepInUrl?: boolean } = {},
): { show(typed: string): Promise<void> } {
  const input = form.querySelector<HTMLInputElement>('input[name=caller]')!;
  const error = form.querySelector<HTMLElement>('[data-role=caller-error]')!;
  const output = form.parentElement!.querySelector<HTMLElement>('[data-role=caller-answer]')!;
  const stateNames = new Map(config.states.map((s) => [s.usps, s.name]));
  const subjectNames = new Map(config.subjects.map((s) => [s.slug, s.label]));
  const names: AnswerNames = {
    state: (u) => stateNames.get(u) ?? u,
    subject: (s) => subjectNames.get(s) ?? s,
    providerHref: providerHrefs(config.providerPages),
  };
  const callerYears = Object.keys(config.files.callers ?? {}).map(Number);
  let ticket = 0;
  // The engine's code is fetched when a number is looked up (or interest is shown), not with the page.
  const engine = async (onStage?: (stage: EngineStage) => void) =>
    (await import('./engine')).startEngine(config.files, onStage);

  const show = async (typed: string) => {
    const mine = ++ticket;
    const parsed = parseCallerNumber(typed);
    if (!parsed.ok) {
      input.setAttribute('aria-invalid', 'true');
      error.hidden = false;
      error.textContent = `“${typed.trim().slice(0, 40)}” ${parsed.reason}.`;
      output.dataset.state = 'refused';
      output.replaceChildren();
      return;
    }
    input.removeAttribute('aria-invalid');
    error.hidden = true;
    error.textContent = '';
    if (options.keepInUrl) {
      const url = new URL(location.href);
      url.searchParams.set('caller', parsed.digits);
      history.replaceState(null, '', url);
    }
    output.dataset.state = 'running';
    output.setAttribute('aria-busy', 'true');
    const status = document.createElement('p');
    status.className = 'caller-status';
    status.textContent = `Looking up ${parsed.digits}…`;
    output.replaceChildren(status);
    try {
      const started = await engine((stage) => {
        if (mine === ticket) status.textContent = `Looking up ${parsed.digits}: ${STAGES[stage]}…`;
      });
      const answer = await lookUp(started, parsed.digits, callerYears);
      if (mine !== ticket) return;
      renderAnswer(output, describeAnswer(answer, names, config.coverage));
      output.dataset.complaints = String(answer.complaints);
      output.dataset.state = answer.complaints > 0 ? 'answered' : 'none';
    } catch (failure) {
      if (mine !== ticket) return;
      output.dataset.state = 'failed';
      status.textContent = `The lookup could not run (${failure instanceof Error ? failure.message : String(failure)}). The most-reported numbers are listed on /callers/ without JavaScript.`;
    } finally {
      if (mine === ticket) output.removeAttribute('aria-busy');
    }
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void show(input.value);
  });
  // Start the engine as soon as someone shows interest, so the answer is ready sooner.
  const warm = () => void engine().catch(() => undefined);
  input.addEventListener('focus', warm, { once: true });
  input.addEventListener('input', () => {
    if (input.getAttribute('aria-invalid') === 'true' && parseCallerNumber(input.value).ok) {
      input.removeAttribute('aria-invalid');
      error.hidden = true;
    }
  });
  return { show };
}

/** The answer as DOM, built with textContent only (provider names and letters come from data files). */
export function renderAnswer(output: HTMLElement, view: AnswerView): void {
  const parts: Node[] = [];
  const headline = document.createElement('p');
  headline.className = 'caller-headline';
  headline.dataset.role = 'caller-headline';
  headline.textContent = view.headline;
  parts.push(headline);
  if (view.note) parts.push(paragraph(view.note, 'caller-note'));
  if (view.lines.length) {
    const list = document.createElement('dl');
    list.className = 'caller-facts';
    for (const line of view.lines) {
      const dt = document.createElement('dt');
      dt.textContent = line.label;
      const dd = document.createElement('dd');
      dd.textContent = line.text;
      list.append(dt, dd);
    }
    parts.push(list);
  }
  if (view.letters.length) {
    const box = document.createElement('div');
    box.className = 'caller-letters';
    box.dataset.role = 'caller-letters';
    box.append(paragraph('Named in a Project Point of No Entry letter:', 'caller-letters-title'));
    const list = document.createElement('ul');
    for (const letter of view.letters) {
      const li = document.createElement('li');
      let provider: Node = document.createTextNode(letter.provider);
      if (letter.providerHref) {
        const a = document.createElement('a');
        a.href = letter.providerHref;
        a.textContent = letter.provider;
        provider = a;
      }
      const code = document.createElement('code');
      code.textContent = letter.letter;
      li.append(
        provider,
        ', letter ',
        code,
        letter.campaign ? ` (campaign: ${letter.campaign})` : '',
      );
      list.append(li);
    }
    box.append(list);
    if (view.actions.length) {
      box.append(paragraph('Actions against that provider:', 'caller-letters-title'));
      const actions = document.createElement('ul');
      for (const action of view.actions) {
        const li = document.createElement('li');
        li.append(`${action.date}: ${action.text}`);
        if (action.source && /^https:\/\//.test(action.source)) {
          const a = document.createElement('a');
          a.href = action.source;
          a.rel = 'noopener';
          a.textContent = 'source';
          li.append(' (', a, ')');
        }
        actions.append(li);
      }
      box.append(actions);
    }
    parts.push(box);
  }
  const chart = answerChart(view, {
    width: Math.max(300, Math.min(704, output.clientWidth || 640)),
  });
  if (chart) {
    const figure = document.createElement('div');
    figure.className = 'caller-chart';
    figure.append(chart);
    parts.push(figure);
  }
  if (view.months.length) {
    const link = document.createElement('a');
    link.href = view.exploreHref;
    link.textContent = 'See these complaints in the explorer';
    const p = document.createElement('p');
    p.append(link);
    parts.push(p);
  }
  output.replaceChildren(...parts);
}

function paragraph(text: string, className: string): HTMLParagraphElement {
  const p = document.createElement('p');
  p.className = className;
  p.textContent = text;
  return p;
}
