/**
 * Shows each field's problem (src/lib/explore/field-problems.ts) beside its control: the message
 * in a `[data-role=problem-<key>]` paragraph after the field, the control `aria-invalid="true"`
 * and described by that paragraph, and a text box keeping the text it was given, so what is on
 * screen is what was refused and why. Fields without a problem lose the marking.
 */
import type { FieldProblem } from '../lib/explore/field-problems';

export function showFieldProblems(
  form: HTMLFormElement,
  problems: readonly FieldProblem[],
  /** What each text box held (as typed, or as the link gave it), restored where it was refused. */
  typed: ReadonlyMap<string, string>,
): void {
  const byKey = new Map(problems.map((p) => [p.key, p]));
  for (const control of form.querySelectorAll<HTMLElement>('[data-field]')) {
    const key = control.dataset.field!;
    const problem = byKey.get(key);
    const id = `problem-${key}`;
    let note = form.querySelector<HTMLElement>(`[data-role="${id}"]`);
    if (!problem) {
      control.removeAttribute('aria-invalid');
      setDescribedBy(control, id, false);
      if (note) note.hidden = true;
      continue;
    }
    if (!note) {
      note = document.createElement('p');
      note.dataset.role = id;
      note.id = id;
      note.className = 'field-problem';
      // After the whole field: a folded list's message stays visible while it is closed.
      (control.closest('details.choices') ?? control.closest('label') ?? control).after(note);
    }
    note.textContent = problem.message;
    note.hidden = false;
    control.setAttribute('aria-invalid', 'true');
    setDescribedBy(control, id, true);
    if (control instanceof HTMLInputElement && typed.has(key)) control.value = typed.get(key)!;
  }
}

function setDescribedBy(control: HTMLElement, id: string, on: boolean): void {
  const ids = (control.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
  const next = on ? [...new Set([...ids, id])] : ids.filter((i) => i !== id);
  if (next.length) control.setAttribute('aria-describedby', next.join(' '));
  else control.removeAttribute('aria-describedby');
}
