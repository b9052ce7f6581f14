declare module 'virtual:skycast/public-queries' {
  /** Paths of the router's public, cacheable queries, e.g. `weather.forecast` (build/public-queries-plugin.ts). */
  const paths: readonly string[];
  export default paths;
}
