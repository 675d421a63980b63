/**
 * What the explorer's form says beside a field whose value it could not use. The URL grammar
 * (`parseExploreView`) rejects each value it does not accept with a reason (filters.ts,
 * `ParseContext.reject`, and each key's cross-key `check`); this turns those rejections into one
 * sentence per form field, so a value typed into a box, or given in a link, is never dropped while
 * the box still shows it without a word.
 */
import { URL_KEYS, type UrlKey } from './filters';
import type { ExploreView, Ignored } from './view';

export interface FieldProblem {
  /** The URL key, which is also the form control's `name`. */
  key: string;
  /** What was not applied and why, to show beside the field. */
  message: string;
  /** For a list: what of it was applied (canonical form), or '' when nothing was. */
  applied: string;
}

const FORM_KEYS = new Set((URL_KEYS as readonly UrlKey[]).filter((k) => k.form).map((k) => k.key));

/**
 * A rejection reason as the form words it: the URL's `from=` is the form's From, and the reason's
 * own parenthesis (`not a date (YYYY, …)`) reads after a colon, since the message wraps it in one.
 */
function formReason(reason: string): string {
  return reason.replace(/^before from=(.*)$/, 'before From, $1').replace(/ \((.*)\)$/, ': $1');
}

/**
 * One problem per form field that had values rejected, in the form's key order; keys without a
 * form field (page, v, unknown keys) are left to the page's list of ignored URL parts.
 */
export function fieldProblems(ignored: readonly Ignored[], view: ExploreView): FieldProblem[] {
  const byKey = new Map<string, Map<string, string[]>>();
  for (const item of ignored) {
    if (!FORM_KEYS.has(item.key) || item.reason.startsWith('given more than once')) continue;
    const reasons = byKey.get(item.key) ?? new Map<string, string[]>();
    const values = reasons.get(item.reason) ?? [];
    if (!values.includes(item.value)) values.push(item.value);
    reasons.set(item.reason, values);
    byKey.set(item.key, reasons);
  }
  const problems: FieldProblem[] = [];
  for (const entry of URL_KEYS as readonly UrlKey[]) {
    const reasons = byKey.get(entry.key);
    if (!reasons) continue;
    const parts = [...reasons].map(
      ([reason, values]) => `${values.map(quoted).join(', ')} (${formReason(reason)})`,
    );
    const kept = view[entry.field];
    const applied = Array.isArray(kept) ? kept.join(', ') : '';
    problems.push({
      key: entry.key,
      message: `Not applied: ${parts.join('; ')}.${applied ? ` Applied: ${applied}.` : ''}`,
      applied,
    });
  }
  return problems;
}

function quoted(value: string): string {
  const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  return `“${shown}”`;
}
