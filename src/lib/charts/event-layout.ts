/**
 * Where the labels of dated events go (see annotations.ts): stacked into rows above the plot so
 * that no label overlaps another and no rule crosses a label. When the labels do not all fit (a
 * phone, a busy year), every event is numbered instead and a key under the chart spells them out,
 * so text never collides and no event goes unexplained. Events on the same date share one rule.
 */
import { parseDate } from '../dates';
import { textWidth } from './layout';
import { formatDate } from '../format';

/** An event to mark on a time axis. */
export interface EventMark {
  /** `YYYY-MM-DD`, or `YYYY-MM` when only the month is known (drawn at the month's first day). */
  date: string;
  /** A short label, a few words: it is drawn above the chart. */
  label: string;
}

export interface PlacedEvent extends EventMark {
  at: Date;
  /** What is drawn at the rule: the label, its number, or a range of numbers ("2–4") for a cluster. */
  text: string;
  /** Label row, 0 just above the plot; null when the label could not be placed (only its rule is drawn). */
  row: number | null;
  anchor: 'start' | 'end';
  /** False for the later events of a cluster: their rules stop under the cluster's label. */
  labelled: boolean;
}

export interface EventLayout {
  events: PlacedEvent[];
  /** Rows of labels above the plot. */
  rows: number;
  /** Lines of the key under the chart ("1  May 12, 2023: FTC sues XCast Labs"); empty when labels are direct. */
  key: string[];
}

/** Events sharing one label: one event, or a run of numbered events too close to label apart. */
interface Group {
  members: EventMark[];
  pxs: number[];
  text: string;
}

/**
 * Lays out `events` over a time axis: `x` maps a date to px; labels stay within [left, right]
 * and use at most `maxRows` rows. Tries, in turn: the labels; numbers with a key; numbers with
 * runs of events closer than a number's width sharing one label ("2–4").
 */
export function layoutEvents(
  events: readonly EventMark[],
  x: (date: Date) => number,
  bounds: [number, number],
  maxRows: number,
): EventLayout {
  const byDate = new Map<string, EventMark>();
  for (const e of [...events].sort((a, b) => a.date.localeCompare(b.date))) {
    const same = byDate.get(e.date);
    byDate.set(e.date, same ? { date: e.date, label: `${same.label}; ${e.label}` } : { ...e });
  }
  const merged = [...byDate.values()];
  const pxs = merged.map((e) => x(parseDate(e.date)));
  const single = (text: (e: EventMark, i: number) => string) =>
    merged.map((e, i): Group => ({ members: [e], pxs: [pxs[i] ?? 0], text: text(e, i) }));
  const key = merged.map((e, i) => `${i + 1}  ${formatDate(e.date, true)}: ${e.label}`);
  const direct = place(
    single((e) => e.label),
    bounds,
    maxRows,
  );
  if (direct.every((e) => e.row !== null))
    return { events: direct, rows: rowCount(direct), key: [] };
  const numbered = place(
    single((_, i) => String(i + 1)),
    bounds,
    maxRows,
  );
  if (numbered.every((e) => e.row !== null))
    return { events: numbered, rows: rowCount(numbered), key };
  const clusters: Group[] = [];
  merged.forEach((e, i) => {
    const last = clusters.at(-1);
    const px = pxs[i] ?? 0;
    if (last && px - (last.pxs.at(-1) ?? 0) < 18) {
      last.members.push(e);
      last.pxs.push(px);
      last.text = `${last.text.split('–')[0]}–${i + 1}`;
    } else clusters.push({ members: [e], pxs: [px], text: String(i + 1) });
  });
  const grouped = place(clusters, bounds, maxRows);
  return { events: grouped, rows: rowCount(grouped), key };
}

function rowCount(events: readonly PlacedEvent[]): number {
  return Math.max(0, ...events.map((e) => (e.row ?? -1) + 1));
}

/**
 * First-fit with backtracking: each label tries every row and both sides of its first rule, in
 * order, and a later label that fits nowhere sends the search back to move an earlier one. A
 * small budget bounds the search; past it, labels that fit nowhere get `row: null`.
 */
function place(
  groups: readonly Group[],
  [left, right]: [number, number],
  maxRows: number,
): PlacedEvent[] {
  type Slot = { pxs: number[]; from: number; to: number; row: number; anchor: 'start' | 'end' };
  // A slot fits when its label overlaps no label in its row, its rules cross no label below it,
  // and no rule of a label above crosses it.
  const clear = (pxs: readonly number[], from: number, to: number) =>
    pxs.every((px) => px < from - 2 || px > to + 2);
  const fits = (slot: Slot, taken: readonly (Slot | null)[]) =>
    slot.from >= left &&
    slot.to <= right &&
    taken.every((t) =>
      t === null
        ? true
        : t.row === slot.row
          ? t.to + 6 <= slot.from || slot.to + 6 <= t.from
          : t.row < slot.row
            ? clear(slot.pxs, t.from, t.to)
            : clear(t.pxs, slot.from, slot.to),
    );
  const options = (group: Group): Slot[] => {
    const px = group.pxs[0] ?? 0;
    const width = textWidth(group.text) + 6;
    const slots: Slot[] = [];
    for (let row = 0; row < maxRows; row++) {
      slots.push({
        pxs: group.pxs,
        row,
        anchor: 'start',
        from: px,
        to: Math.max(px + width, group.pxs.at(-1) ?? px),
      });
      slots.push({
        pxs: group.pxs,
        row,
        anchor: 'end',
        from: px - width,
        to: group.pxs.at(-1) ?? px,
      });
    }
    return slots;
  };
  let budget = 20_000;
  const taken: (Slot | null)[] = [];
  const search = (i: number): boolean => {
    const group = groups[i];
    if (!group) return true;
    for (const slot of options(group)) {
      if (--budget < 0) return false;
      if (!fits(slot, taken)) continue;
      taken.push(slot);
      if (search(i + 1)) return true;
      taken.pop();
    }
    return false;
  };
  if (!search(0)) {
    // No complete layout: keep what fits, first come first served.
    taken.length = 0;
    for (const group of groups)
      taken.push(options(group).find((slot) => fits(slot, taken)) ?? null);
  }
  return groups.flatMap((group, i) => {
    const slot = taken[i] ?? null;
    return group.members.map((event, k) => ({
      ...event,
      at: parseDate(event.date),
      text: group.text,
      row: slot?.row ?? null,
      anchor: slot?.anchor ?? 'start',
      labelled: k === 0,
    }));
  });
}
