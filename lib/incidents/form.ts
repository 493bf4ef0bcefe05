import { zonedLocalToDate } from "../time/zoned";
import type { AffectedComponent } from "./schemas";

// Turns the console's incident forms (FormData) into the domain inputs; the domain's
// zod schemas then validate them, so field messages come from one place.

/**
 * `component:<id>` selects: "" leaves a component out, anything else is the status to set.
 * A select the form pre-set (its value also in `component-default:<id>`) and left as it was
 * says nothing: posting "Identified" must not turn the status the probes found into one set
 * by hand, and resolving leaves untouched components to the resolve default.
 */
export function componentsFromForm(formData: FormData): AffectedComponent[] {
  const out: { componentId: string; status: string }[] = [];
  for (const [key, value] of formData.entries()) {
    if (key.startsWith("component:") && typeof value === "string" && value !== "") {
      const componentId = key.slice("component:".length);
      if (formData.get(`component-default:${componentId}`) === value) continue;
      out.push({ componentId, status: value });
    }
  }
  return out as AffectedComponent[];
}

/** A datetime-local value in the page zone, or undefined for "now". Invalid text stays invalid for zod. */
export function displayAtFromForm(value: FormDataEntryValue | null, timeZone: string): Date | string | undefined {
  if (typeof value !== "string" || value.trim() === "") return undefined;
  return zonedLocalToDate(value.trim(), timeZone) ?? value;
}

export function incidentFormInput(formData: FormData, timeZone: string) {
  return {
    name: String(formData.get("name") ?? ""),
    status: String(formData.get("status") ?? ""),
    impact: String(formData.get("impact") ?? ""),
    body: String(formData.get("body") ?? ""),
    displayAt: displayAtFromForm(formData.get("displayAt"), timeZone),
    components: componentsFromForm(formData),
    notifySubscribers: formData.get("notifySubscribers") === "on",
    creationKey: String(formData.get("creationKey") ?? "") || undefined,
  };
}

export function updateFormInput(formData: FormData, incidentId: string, timeZone: string) {
  const components = componentsFromForm(formData);
  return {
    incidentId,
    status: String(formData.get("status") ?? ""),
    body: String(formData.get("body") ?? ""),
    displayAt: displayAtFromForm(formData.get("displayAt"), timeZone),
    components: components.length ? components : undefined,
    expectedVersion: formData.get("version") ?? undefined,
    restoreComponents: formData.get("restoreComponents") === "on",
    notifySubscribers: formData.get("notifySubscribers") === "on",
  };
}

export function maintenanceFormInput(formData: FormData, timeZone: string) {
  return {
    name: String(formData.get("name") ?? ""),
    body: String(formData.get("body") ?? ""),
    scheduledFor: displayAtFromForm(formData.get("scheduledFor"), timeZone) ?? "",
    scheduledUntil: displayAtFromForm(formData.get("scheduledUntil"), timeZone) ?? "",
    components: formData.getAll("components").map(String),
    remindBeforeMinutes: reminderFromForm(formData.get("remindBeforeMinutes")),
  };
}

/** The reminder select: "" is no reminder, no field keeps what is stored; anything else the schema judges (a bad value is its error, not a silent none). */
function reminderFromForm(value: FormDataEntryValue | null): number | null | undefined {
  if (value === null) return undefined;
  if (value === "") return null;
  return Number(value);
}
