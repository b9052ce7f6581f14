/** The longest search text: no place name is longer. */
export const SEARCH_QUERY_MAX_LENGTH = 100;
/** The most places one search answers with. */
export const SEARCH_LIMIT_MAX = 20;
/** How many places one `weather.summaries` call may ask about: a person's whole list. */
export const MAX_SUMMARY_PLACES = 50;
