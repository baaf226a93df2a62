// The identity module's public API.
export { identityPlugin, requireUser, currentUser, CSRF_HEADER, type IdentityPluginOptions } from './plugin.js';
export type { Principal } from './principal.js';
export { IdentityService, DEFAULT_IP_LIMIT, type IdentityConfig, type NewSession } from './service.js';
export { AuthError, type AuthErrorCode } from './errors.js';
export { IDENTITY_MIGRATION, ensureIdentitySchema } from './schema.js';
export { UserStore, UserError, usernameKey, type User, type NewUser } from './users.js';
export { SessionStore, DEFAULT_SESSION, hashSessionId, type ActiveSession, type SessionPolicy } from './sessions.js';
export { SESSION_COOKIE, sessionCookie, clearSessionCookie, parseCookies, type CookieOptions } from './cookies.js';
export { ROLES, STAFF_ROLES, parseRoles, checkFhirLink, type Role } from './roles.js';
export { DEFAULT_SCRYPT, hashPassword, verifyPassword, needsRehash, passwordProblem, generatePassword, type ScryptParams } from './password.js';
export { generateTotpSecret, verifyTotp, otpauthUri, base32Encode, base32Decode } from './totp.js';
export { MemoryRateLimiter, type RateLimiter, type WindowLimit } from './rate-limit.js';
export { DEFAULT_LOCKOUT, type LockoutPolicy } from './lockout.js';
export { DEMO_USERS, isDemoPassword, type DemoUser } from './demo-users.js';
export { seedDemoUsers, assertNoDemoPasswords, DemoPasswordError } from './demo-seed.js';
export { userAddCommand, userListCommand, userDisableCommand, userEnableCommand, userResetPasswordCommand } from './cli.js';
