import { z } from "zod";

// What an admin sends to create a management API key; createApiKey parses it, once.

// Appended only: stored keys list their scopes by name, so older keys keep working.
export const API_SCOPES = [
  "read",
  "incidents:write",
  "incidents:delete",
  "maintenance:write",
  "components:write",
  "subscribers:manage",
  "subscribers:import",
  "settings:write",
  "probes:write",
  "subscribers:read",
  "subscribers:write",
  "templates:write",
] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export const CreateApiKeyInput = z.object({
  name: z.string().trim().min(1, "name the key after what uses it, e.g. “deploy pipeline”").max(80),
  scopes: z.array(z.enum(API_SCOPES)).min(1, "choose at least one scope"),
});
export type CreateApiKeyInput = z.input<typeof CreateApiKeyInput>;
