interface WindArrowProps {
  /** Where the wind comes from, in degrees (meteorological convention). */
  fromDegrees: number;
}

/** An arrow pointing the way the wind blows: away from where it comes from. */
export function WindArrow({ fromDegrees }: WindArrowProps) {
  return (
    <svg
      className="wind-arrow"
      viewBox="0 0 24 24"
      aria-hidden="true"
      focusable="false"
      style={{ transform: `rotate(${fromDegrees + 180}deg)` }}
    >
      <path d="M12 3 18 19 12 15.5 6 19Z" />
    </svg>
  );
}
