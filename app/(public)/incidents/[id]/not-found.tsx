import { IncidentNotFound } from "@/components/status/IncidentNotFound";
import { documentLanguage } from "@/lib/public/request-locale";

// Next's own 404 for an unknown incident (a page Next renders directly). The cached one, which
// visitors get, is the same words inside the page's shell: app/(public)/incidents/[id]/page.tsx.
export default async function NotFound() {
  // The same language as <html lang> (which falls back to English when there is no snapshot at all).
  return (
    <main id="main" className="mx-auto max-w-3xl px-4 py-8">
      <IncidentNotFound locale={await documentLanguage()} />
    </main>
  );
}
