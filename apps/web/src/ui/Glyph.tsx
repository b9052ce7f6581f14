/** The shapes, drawn on a 24-unit grid in the text's colour. */
const SHAPES = {
  pin: (
    <path d="M12 2a7 7 0 0 0-7 7c0 5.2 7 13 7 13s7-7.8 7-13a7 7 0 0 0-7-7zm0 9.6a2.6 2.6 0 1 1 0-5.2 2.6 2.6 0 0 1 0 5.2z" />
  ),
  star: <path d="m12 2.8 2.8 5.9 6.4.8-4.7 4.5 1.2 6.4L12 17.3l-5.7 3.1 1.2-6.4-4.7-4.5 6.4-.8z" />,
  'star-outline': (
    <path
      d="m12 2.8 2.8 5.9 6.4.8-4.7 4.5 1.2 6.4L12 17.3l-5.7 3.1 1.2-6.4-4.7-4.5 6.4-.8z"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinejoin="round"
    />
  ),
  warning: (
    <path d="M12 2.5 22.5 21h-21zm-1.1 6.5v6h2.2V9zm0 7.6v2.2h2.2v-2.2z" fillRule="evenodd" />
  ),
  pencil: (
    <path d="M16.9 2.6a2 2 0 0 1 2.8 0l1.7 1.7a2 2 0 0 1 0 2.8L8.6 19.9 3 21l1.1-5.6zM6 16.4l-.5 2.1 2.1-.5z" />
  ),
  close: (
    <path
      d="M6 6l12 12M18 6 6 18"
      fill="none"
      stroke="currentColor"
      strokeWidth="2.4"
      strokeLinecap="round"
    />
  ),
  offline: (
    <path d="M3.3 2 2 3.3l3.1 3.1A7 7 0 0 0 6.5 20H18l2.7 2.7L22 21.4zM8.3 9.6l8.2 8.2H6.5a4.8 4.8 0 0 1-1.1-9.5zm3.7-4.4a7 7 0 0 0-2.8.6l1.6 1.6c.4-.1.8-.1 1.2-.1a5.2 5.2 0 0 1 5.2 5v1h1.3a2.8 2.8 0 0 1 1.9 4.9l1.3 1.3A4.6 4.6 0 0 0 18.7 11 7 7 0 0 0 12 5.2z" />
  ),
} as const;

export type GlyphName = keyof typeof SHAPES;

/**
 * A small interface sign (a pin, a star, a warning) as inline SVG in the
 * text's colour: the same on every platform, unlike an emoji. Decorative:
 * the words beside it carry the meaning.
 *
 * @example
 * <Glyph name="pin" />
 */
export function Glyph({ name, className }: { name: GlyphName; className?: string }) {
  return (
    <svg
      className={className ? `glyph ${className}` : 'glyph'}
      viewBox="0 0 24 24"
      fill="currentColor"
      aria-hidden="true"
      focusable="false"
    >
      {SHAPES[name]}
    </svg>
  );
}
