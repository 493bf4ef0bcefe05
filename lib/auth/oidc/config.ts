import { env } from "../../env";
import { type OidcConfig, oidcConfigFromEnv } from "./schemas";

// The single sign-on configuration in effect: from the environment today. A settings page
// would supply the same OidcConfig object (schemas.ts), from the database, here.

let memo: { config: OidcConfig | null } | undefined;

/** The configuration, or null when single sign-on is off. */
export function oidcConfig(): OidcConfig | null {
  memo ??= { config: oidcConfigFromEnv(env()) };
  return memo.config;
}
