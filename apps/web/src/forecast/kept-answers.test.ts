import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';

import { trpc } from '../trpc.ts';
import { seedKeptAnswers } from './kept-answers.ts';

/** A page holding `text` in its data block, as the server writes it; records whether the block was taken out. */
function pageWith(text: string) {
  const block = { textContent: text, removed: false, remove: () => (block.removed = true) };
  const doc = {
    location: { origin: 'https://skycast.example' },
    getElementById: (id: string) =>
      id === 'skycast-kept-answers' && !block.removed ? block : null,
  };
  return { doc: doc as unknown as Document, block };
}

const input = { latitude: 52.52, longitude: 13.41 };
const data = { current: { temperature: 3.5 }, fetchedAt: '2026-12-07T10:00:00.000Z' };

describe('answers carried inside the page', () => {
  it('are in the query cache before the first render, under the key the page asks with, aged as made', () => {
    const queryClient = new QueryClient();
    const madeAt = Date.now() - 60_000;
    const { doc, block } = pageWith(
      JSON.stringify({
        answers: [{ procedure: 'weather.forecast', input, madeAt, response: { result: { data } } }],
      }),
    );
    seedKeptAnswers(queryClient, doc);
    expect(queryClient.getQueryData(trpc.weather.forecast.queryKey(input))).toEqual(data);
    expect(queryClient.getQueryState(trpc.weather.forecast.queryKey(input))?.dataUpdatedAt).toBe(
      madeAt,
    );
    expect(block.removed).toBe(true);
  });

  it.each([
    ['text that is not JSON', '{"answers":['],
    [
      'another procedure',
      JSON.stringify({
        answers: [{ procedure: 'auth.me', input, madeAt: 1, response: { result: { data } } }],
      }),
    ],
    [
      'an answer without data',
      JSON.stringify({
        answers: [{ procedure: 'weather.forecast', input, madeAt: 1, response: {} }],
      }),
    ],
    [
      'coordinates that are not numbers',
      JSON.stringify({
        answers: [
          {
            procedure: 'weather.forecast',
            input: { latitude: '52' },
            madeAt: 1,
            response: { result: { data } },
          },
        ],
      }),
    ],
  ])('are ignored when the block holds %s: the page asks as usual', (_name, text) => {
    const queryClient = new QueryClient();
    seedKeptAnswers(queryClient, pageWith(text).doc);
    expect(queryClient.getQueryCache().getAll()).toHaveLength(0);
  });
});
