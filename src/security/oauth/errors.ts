/** An OAuth error response (RFC 6749 §5.2): `error` code, description, HTTP status. */
export class OAuthError extends Error {
  constructor(
    readonly error: string,
    readonly description: string,
    readonly status = 400,
    /** set on 401 invalid_client when the client tried HTTP Basic */
    readonly basicChallenge = false,
  ) {
    super(`${error}: ${description}`);
  }
}

export const invalidRequest = (d: string) => new OAuthError('invalid_request', d);
export const invalidGrant = (d: string) => new OAuthError('invalid_grant', d);
export const invalidClient = (d: string, basic = false) => new OAuthError('invalid_client', d, 401, basic);
export const invalidScope = (d: string) => new OAuthError('invalid_scope', d);
