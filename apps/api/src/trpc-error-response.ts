import { TRPC_ERROR_CODES_BY_KEY } from '@trpc/server/rpc';
import type { Response } from 'express';

type ErrorKey = 'BAD_REQUEST' | 'FORBIDDEN' | 'UNSUPPORTED_MEDIA_TYPE' | 'PAYLOAD_TOO_LARGE';

const STATUS: Record<ErrorKey, number> = {
  BAD_REQUEST: 400,
  FORBIDDEN: 403,
  UNSUPPORTED_MEDIA_TYPE: 415,
  PAYLOAD_TOO_LARGE: 413,
};

/**
 * Answers the way tRPC answers its own errors, so the client shows `message`
 * like any other error (a batch link spreads one error over every call).
 */
export function sendTRPCError(res: Response, key: ErrorKey, message: string): void {
  res.setHeader('cache-control', 'no-store');
  res.status(STATUS[key]).json({
    error: {
      message,
      code: TRPC_ERROR_CODES_BY_KEY[key],
      data: { code: key, httpStatus: STATUS[key] },
    },
  });
}
