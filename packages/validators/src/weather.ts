/** The longest search text: no place name is longer. */
export const SEARCH_QUERY_MAX_LENGTH = 100;
/** The most places one search answers with. */
export const SEARCH_LIMIT_MAX = 20;
/** How many places one `weather.summaries` call may ask about: a person's whole list. */
export const MAX_SUMMARY_PLACES = 50;
/**
 * The one rule for "does something fall": at least 0.2 mm an hour (0.05 mm in
 * 15 minutes, which the page shows as 0.1 mm). Less is too little to call
 * even light drizzle, so the conditions, the amounts and the next-two-hours
 * sentence all treat it as dry.
 */
export const WET_MM_PER_HOUR = 0.2;
