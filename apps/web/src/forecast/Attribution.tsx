import type { ProviderId } from '../api-types.ts';
import { attributionFor } from './attribution.ts';

/** The credit the weather provider asks for. */
export function Attribution({ source }: { source: ProviderId }) {
  const { text, href } = attributionFor(source);
  return <a href={href}>{text}</a>;
}
