import { useEffect, useRef, useState } from 'react';

/**
 * Moves focus to what to fix in a refused form: the first field marked
 * invalid, else the message above the form (`[data-form-error]`, which must
 * have `tabIndex={-1}`).
 */
export function focusFirstProblem(form: HTMLFormElement | null): void {
  const target =
    form?.querySelector<HTMLElement>('[aria-invalid="true"]') ??
    form?.querySelector<HTMLElement>('[data-form-error]');
  target?.focus();
}

/**
 * After a form is refused, focus goes to what to fix, never to the page's
 * body (where it lands when the busy submit button is disabled, so a screen
 * reader hears nothing). `focusProblem()` is called beside the `setErrors`;
 * the focus moves in an effect, once the errors are rendered.
 *
 * @example
 * const { form, focusProblem } = useProblemFocus();
 * onError: (error) => { setErrors(formErrors(error, …)); focusProblem(); }
 * <form ref={form} …>
 */
export function useProblemFocus() {
  const form = useRef<HTMLFormElement>(null);
  const [asked, setAsked] = useState(0);
  useEffect(() => {
    if (asked > 0) focusFirstProblem(form.current);
  }, [asked]);
  return { form, focusProblem: () => setAsked((count) => count + 1) };
}

/**
 * Focuses the element in `ref` once `shown` turns true (an answer replacing a
 * form, so focus does not drop to the body).
 */
export function useFocusWhenShown<T extends HTMLElement>(shown: boolean) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (shown) ref.current?.focus();
  }, [shown]);
  return ref;
}
