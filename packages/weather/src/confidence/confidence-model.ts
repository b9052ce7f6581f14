import { z } from 'zod';

import { COMPARED_MODELS } from './open-meteo-confidence.ts';

const finite = z.number().finite();

export const bandSchema = z.object({ p10: finite, p50: finite, p90: finite });

export const confidenceLabelSchema = z.enum(['sure', 'likely', 'uncertain']);

/**
 * Why a label is what it is, as a stable code and the numbers to say it with;
 * the web app writes the sentence in the reader's language.
 * - `agree`: every signal is narrow;
 * - `temperature-spread` / `wind-spread` / `rain-amount`: the ensemble's p10–p90 is wide (`width`);
 * - `rain-split`: `wet` of `of` members are wet;
 * - `models-temperature` / `models-rain`: the models disagree, from `lowModel` at `low`
 *   to `highModel` at `high`; with members, `wet` of `of` runs are wet too.
 */
export const confidenceReasonSchema = z.object({
  code: z.enum([
    'agree',
    'temperature-spread',
    'wind-spread',
    'rain-amount',
    'rain-split',
    'models-temperature',
    'models-rain',
  ]),
  width: finite.optional(),
  wet: z.number().int().min(0).optional(),
  of: z.number().int().min(1).optional(),
  lowModel: z.enum(COMPARED_MODELS).optional(),
  low: finite.optional(),
  highModel: z.enum(COMPARED_MODELS).optional(),
  high: finite.optional(),
});

export const modelDaySchema = z.object({
  model: z.enum(COMPARED_MODELS),
  /** Null where the model does not reach the whole day. */
  high: finite.nullable(),
  low: finite.nullable(),
  precipitation: finite.nullable(),
});

export const confidenceHourSchema = z.object({
  time: z.string(),
  temperature: bandSchema.nullable(),
  precipitation: bandSchema.nullable(),
  wind: bandSchema.nullable(),
  /** Share of members (0…1) with at least 0.1 mm in the hour. */
  wetShare: z.number().min(0).max(1).nullable(),
  label: confidenceLabelSchema,
  reason: confidenceReasonSchema,
});

export const confidenceDaySchema = z.object({
  date: z.string(),
  high: bandSchema.nullable(),
  low: bandSchema.nullable(),
  precipitation: bandSchema.nullable(),
  /** Share of members with at least 1 mm in the day. */
  wetShare: z.number().min(0).max(1).nullable(),
  label: confidenceLabelSchema,
  reason: confidenceReasonSchema,
  models: z.array(modelDaySchema),
  /** The models' high blended by their local skill (or equally, without a record). */
  blendHigh: finite.nullable(),
  /** The largest move of the day's high between the runs of the last days, when it is news. */
  change: z
    .object({ runsBack: z.number().int().min(1), highThen: finite, highNow: finite })
    .nullable(),
});

export const confidenceSchema = z.object({
  /** The ensemble behind the bands; `members` is null when read as mean and spread. */
  ensemble: z.object({ model: z.string(), members: z.number().int().nullable() }),
  hours: z.array(confidenceHourSchema),
  days: z.array(confidenceDaySchema),
  /** The Models view: every model's hourly temperature and the blend. */
  models: z.object({
    times: z.array(z.string()),
    series: z.array(
      z.object({
        model: z.enum(COMPARED_MODELS),
        weight: z.number().min(0).max(1),
        temperature: z.array(finite.nullable()),
      }),
    ),
    blend: z.array(finite.nullable()),
    weightedBy: z.enum(['skill', 'equal']),
  }),
});

export type Band = z.infer<typeof bandSchema>;
export type ConfidenceReason = z.infer<typeof confidenceReasonSchema>;
export type ConfidenceHour = z.infer<typeof confidenceHourSchema>;
export type ConfidenceDay = z.infer<typeof confidenceDaySchema>;
export type Confidence = z.infer<typeof confidenceSchema>;
