export type ProviderErrorKind =
  /** The provider did not answer in time. */
  | 'timeout'
  /** The connection failed (refused, reset, DNS). */
  | 'network'
  /** The provider answered with an error status. */
  | 'http'
  /** The provider asked us to slow down (HTTP 429). */
  | 'rate-limited'
  /**
   * The body was not JSON, did not have the documented shape, was larger than
   * we read, or held what cannot be true (a value outside the model's ranges,
   * times far from our clock).
   */
  | 'malformed'
  /**
   * Raised by the service layer, not by a provider: the call budget that all
   * our instances share for this provider is used up, so no call was made.
   */
  | 'over-quota'
  /**
   * Raised by the service layer, not by a provider: calls to this provider are
   * paused after repeated failures (the circuit breaker is open), so no call was made.
   */
  | 'circuit-open';

/**
 * Every failure of an upstream weather service. The message is safe to log;
 * `reason` holds the provider's own words where it gave any.
 */
export class ProviderError extends Error {
  override readonly name = 'ProviderError';
  readonly kind: ProviderErrorKind;
  readonly provider: string;
  readonly status: number | undefined;
  readonly reason: string | undefined;
  /** For `rate-limited`: when the provider accepts calls again. */
  readonly retryAt: Date | undefined;

  constructor(init: {
    kind: ProviderErrorKind;
    provider: string;
    message: string;
    status?: number;
    reason?: string;
    retryAt?: Date;
    cause?: unknown;
  }) {
    super(init.message, { cause: init.cause });
    this.kind = init.kind;
    this.provider = init.provider;
    this.status = init.status;
    this.reason = init.reason;
    this.retryAt = init.retryAt;
  }
}
