import { useMutation, useQueryClient } from '@tanstack/react-query';
import { TRPCClientError } from '@trpc/client';
import { useState, type FormEvent } from 'react';

import {
  WATCH_KINDS,
  watchRuleSchema,
  watchScheduleSchema,
  type WatchKind,
  type WatchRule,
  type WatchSchedule,
} from '@skycast/validators';
import { z } from 'zod';

import type { Units } from '../api-types.ts';
import { errorMessage } from '../error-message.ts';
import { t } from '../i18n/i18n.ts';
import { useUnits } from '../preferences/use-units.ts';
import { trpc } from '../trpc.ts';
import { useProblemFocus } from '../ui/focus-problem.ts';
import {
  draftOf,
  fieldErrors,
  inputOf,
  newDraft,
  type Draft,
  type IssueLike,
} from './watch-draft.ts';
import { KIND_FORMS } from './watch-kinds.ts';

/** The kinds the form has fields for, in the API's order. */
export const FORM_KINDS = WATCH_KINDS.filter((kind) => KIND_FORMS[kind] !== undefined);
const ruleAndSchedule = z.object({ rule: watchRuleSchema, schedule: watchScheduleSchema });
export type RuleAndSchedule = z.infer<typeof ruleAndSchedule>;

/** The API's refusal of a write, placed beside the part of the form it is about. */
function placedErrors(error: unknown): Record<string, string> {
  const fromZod =
    error instanceof TRPCClientError
      ? ((error.data as { zodError?: { fieldErrors?: Record<string, string[]> } } | undefined)
          ?.zodError?.fieldErrors ?? {})
      : {};
  const placed: Record<string, string> = { form: errorMessage(error) };
  for (const key of ['rule', 'schedule']) {
    const first = fromZod[key]?.[0];
    if (first) placed[key] = first;
  }
  return placed;
}

/** The problems zod found in the form's input, in words beside their fields. */
function draftErrors(
  draft: Draft,
  issues: readonly IssueLike[],
  units: Units,
): Record<string, string> {
  return fieldErrors(draft, issues, units, {
    notANumber: t('watches.form.error.number'),
    wholeNumber: t('watches.form.error.whole'),
    atLeast: (value) => t('watches.form.error.atLeast', { value }),
    atMost: (value) => t('watches.form.error.atMost', { value }),
  });
}

/** A new kind's draft keeping the schedule typed so far. */
function withScheduleOf(next: Draft, current: Draft): Draft {
  const { days, from, until, quiet, quietFrom, quietUntil } = current;
  return { ...next, days, from, until, quiet, quietFrom, quietUntil };
}

interface WatchFormOptions {
  placeId: string;
  watch: { id: string; rule: WatchRule; schedule: WatchSchedule } | undefined;
  onDone: () => void;
}

/**
 * The watch form's state and its writes: the draft as typed, the problems to
 * show, a check with the API's own schemas, and create or update on submit.
 *
 * @example
 * const watchForm = useWatchForm({ placeId, watch, onDone });
 * <form ref={watchForm.form} onSubmit={watchForm.submit}>…</form>
 */
export function useWatchForm({ placeId, watch, onDone }: WatchFormOptions) {
  const units = useUnits();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() =>
    watch
      ? draftOf(watch.rule, watch.schedule, units)
      : newDraft(FORM_KINDS[0] ?? 'rain-starts', units),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { form, focusProblem } = useProblemFocus();

  const settled = {
    onSuccess: async () => {
      await queryClient.invalidateQueries(trpc.watches.pathFilter());
      onDone();
    },
    onError: (error: unknown) => {
      setErrors(placedErrors(error));
      focusProblem();
    },
  };
  const create = useMutation(trpc.watches.create.mutationOptions(settled));
  const update = useMutation(trpc.watches.update.mutationOptions(settled));

  const set = (changes: Partial<Draft>) => setDraft((current) => ({ ...current, ...changes }));
  const setField = (key: string, value: string) =>
    setDraft((current) => ({ ...current, fields: { ...current.fields, [key]: value } }));
  /** Another kind starts from its own defaults; the schedule stays as typed. */
  const changeKind = (kind: WatchKind) => {
    setErrors({});
    setDraft((current) => withScheduleOf(newDraft(kind, units), current));
  };

  /** The form's rule and schedule, checked with the API's schemas; null (and the problems shown) when refused. */
  function checkedInput(): RuleAndSchedule | null {
    const checked = ruleAndSchedule.safeParse(inputOf(draft, units));
    if (!checked.success) {
      setErrors(draftErrors(draft, checked.error.issues, units));
      focusProblem();
      return null;
    }
    setErrors({});
    return checked.data;
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const checked = checkedInput();
    if (!checked) return;
    if (watch) update.mutate({ id: watch.id, ...checked });
    else create.mutate({ placeId, ...checked });
  }

  return {
    units,
    draft,
    errors,
    busy: create.isPending || update.isPending,
    form,
    set,
    setField,
    changeKind,
    checkedInput,
    submit,
  };
}
