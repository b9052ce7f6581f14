// One reading of the app's addresses for the browser and the server (which answers 404 for others).
export { formatPlacePath, parsePlacePath, type PlaceRoute } from '@skycast/validators';
