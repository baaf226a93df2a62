/** The current version's JSON: resources r joined to its history row h (content is stored once). */
export const CONTENT_JOIN = 'JOIN resource_history h ON h.rid = r.rid AND h.version = r.version';
