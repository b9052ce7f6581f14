declare module 'virtual:skycast/weather-icons' {
  /** The URL of the folder of the weather icons, ending in `/` (build/weather-icons-plugin.ts). */
  const folder: string;
  export default folder;
}
