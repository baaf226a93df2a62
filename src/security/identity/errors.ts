// Errors of the identity API: a stable `error` code for the UI to translate, an English message, an HTTP status.
import type { FastifyReply } from 'fastify';

export type AuthErrorCode =
  | 'invalid_request'
  | 'invalid_credentials'
  | 'account_locked'
  | 'too_many_requests'
  | 'totp_required'
  | 'invalid_totp'
  | 'totp_enrollment_required'
  | 'totp_not_pending'
  | 'unauthenticated'
  | 'forbidden'
  | 'csrf_failed'
  | 'weak_password';

export class AuthError extends Error {
  constructor(
    readonly code: AuthErrorCode,
    readonly status: number,
    message: string,
    /** sent as Retry-After (seconds, rounded up) */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/** The one answer for unknown user, wrong password and disabled account alike. */
export const invalidCredentials = () => new AuthError('invalid_credentials', 401, 'Invalid username or password.');

export function sendAuthError(reply: FastifyReply, e: AuthError): FastifyReply {
  if (e.retryAfterMs !== undefined) reply.header('retry-after', String(Math.max(1, Math.ceil(e.retryAfterMs / 1000))));
  return reply.code(e.status).header('cache-control', 'no-store').send({ error: e.code, message: e.message });
}
