import type { Metadata } from "next";
import { ActionButton } from "@/components/console/ActionButton";
import { ApiKeyForm } from "@/components/console/ApiKeyForm";
import { listApiKeys, SCOPE_LABELS } from "@/lib/api-keys/keys";
import { API_SCOPES } from "@/lib/api-keys/schemas";
import { requireStaffPage } from "@/lib/auth/next-session";
import { db } from "@/lib/db";
import { loadPageSetting } from "@/lib/public/queries";
import { formatDateTime } from "@/lib/time/zoned";
import { createKeyAction, revokeKeyAction } from "./actions";

export const metadata: Metadata = { title: "API keys · Vigil console" };

/** In the page's zone with its abbreviation, as every time Vigil shows. */
const at = (timeZone: string) => (d: Date | null) => (d ? formatDateTime(d, timeZone) : "never");

export default async function ApiKeysPage() {
  await requireStaffPage("settings:manage");
  const [keys, page] = await Promise.all([listApiKeys(db()), loadPageSetting(db())]);
  const when = at(page.timeZone);
  return (
    <>
      <h1 className="text-2xl font-bold">API keys</h1>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Keys let scripts and tools use the management API (<code>/api/manage/v1</code>, described at{" "}
        <a href="/api/openapi.json" className="underline">
          /api/openapi.json
        </a>
        ) with <code>Authorization: Bearer &lt;key&gt;</code>. Each key acts only within its scopes; every use is in the audit log.
      </p>
      <section aria-labelledby="keys" className="rounded-lg border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900">
        <h2 id="keys" className="mb-3 font-semibold">
          Keys
        </h2>
        {keys.length === 0 ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">No keys yet.</p>
        ) : (
          <table className="cards w-full text-left text-sm">
            <thead>
              <tr>
                <th className="py-1 pr-3">Name</th>
                <th className="py-1 pr-3">Key</th>
                <th className="py-1 pr-3">Scopes</th>
                <th className="py-1 pr-3">Last used</th>
                <th className="py-1"></th>
              </tr>
            </thead>
            <tbody>
              {keys.map((k) => (
                <tr key={k.id} data-api-key={k.name} className="border-t border-zinc-100 align-top dark:border-zinc-800">
                  <td className="py-2 pr-3">
                    {k.name}
                    <div className="text-xs text-zinc-500">
                      created {when(k.createdAt)}
                      {k.createdByEmail ? ` by ${k.createdByEmail}` : ""}
                    </div>
                  </td>
                  <td data-label="Key" className="py-2 pr-3 font-mono text-xs">
                    {k.prefix}…
                  </td>
                  <td data-label="Scopes" className="py-2 pr-3 text-xs">
                    {k.scopes.join(", ")}
                  </td>
                  <td data-label="Last used" className="py-2 pr-3 text-xs">
                    {when(k.lastUsedAt)}
                  </td>
                  <td className="py-2">
                    {k.revokedAt ? (
                      <span className="text-xs text-zinc-500">revoked {when(k.revokedAt)}</span>
                    ) : (
                      <ActionButton
                        action={revokeKeyAction.bind(null, k.id)}
                        label={`Revoke ${k.name}`}
                        confirm={`Revoke the key “${k.name}”? Tools using it stop working at once.`}
                        danger
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="new-key" className="rounded-lg border border-zinc-200 bg-white p-5 dark:border-zinc-800 dark:bg-zinc-900">
        <h2 id="new-key" className="mb-4 font-semibold">
          Create a key
        </h2>
        <ApiKeyForm action={createKeyAction} scopes={API_SCOPES.map((value) => ({ value, label: SCOPE_LABELS[value] }))} />
      </section>
    </>
  );
}
