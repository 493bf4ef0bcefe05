import type { IncidentTemplateInput } from "./schemas";

// A new page's first templates: one per step of an incident, and two for maintenance, worded
// as support teams write them under pressure. Staff edit or delete them on Templates.
export const STARTER_TEMPLATES: readonly IncidentTemplateInput[] = [
  {
    name: "Investigating",
    title: "Service disruption",
    status: "investigating",
    body: "We are investigating reports of problems with this service. We will post an update within 30 minutes.",
  },
  {
    name: "Identified",
    title: "Service disruption",
    status: "identified",
    body: "We have identified the cause and are working on a fix. We will post an update within 30 minutes.",
  },
  {
    name: "Monitoring",
    title: "Service disruption",
    status: "monitoring",
    body: "A fix has been put in place and we are monitoring the results.",
  },
  {
    name: "Resolved",
    title: "Service disruption",
    status: "resolved",
    body: "This incident has been resolved. Thank you for your patience.",
  },
  {
    name: "Maintenance: scheduled",
    title: "Scheduled maintenance",
    status: "scheduled",
    body: "We will be performing scheduled maintenance during this window. The service may be unavailable for part of it.",
  },
  {
    name: "Maintenance: completed",
    title: "Scheduled maintenance",
    status: "completed",
    body: "The scheduled maintenance has been completed.",
  },
];
