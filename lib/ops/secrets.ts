import type { ExportDocument } from "./document";

// What an export leaves out unless it is made with --include-secrets: anything that lets
// its holder sign in, sign, or pose as the installation. Names, emails, roles and
// subscribers' confirmed state stay: they are the installation's content.
export const SECRET_FIELDS = {
  page: ["signingSecret", "recoveryCodeKey"],
  users: ["passwordHash", "mfaSecret", "mfaEnrolledAt", "mfaLastStep", "recoveryCodes"],
  subscribers: ["secret"],
  /** The whole list: a key is its hash. */
  apiKeys: "all",
  /** The whole list: a heartbeat's URL token is its hash. */
  probeHeartbeats: "all",
} as const;

type Row = Record<string, unknown>;

function omit<T extends Row>(row: T, fields: readonly string[]): T {
  return Object.fromEntries(Object.entries(row).filter(([key]) => !fields.includes(key))) as T;
}

/** The document without its secrets (a copy; the input is untouched). */
export function withoutSecrets(doc: ExportDocument): ExportDocument {
  const { apiKeys: _dropped, probeHeartbeats: _tokens, ...rest } = doc;
  return {
    ...rest,
    includesSecrets: false,
    page: doc.page && omit(doc.page, SECRET_FIELDS.page),
    users: doc.users.map((user) => omit(user, SECRET_FIELDS.users)),
    subscribers: doc.subscribers.map((subscriber) => omit(subscriber, SECRET_FIELDS.subscribers)),
  };
}
