import type { DbOrTx } from "../db";
import { readJsonBody, type JsonBodySource } from "../http/json-body";
import { errorToJson, jsonError, type ErrorContract, type JsonError } from "../http/json-errors";
import { authenticateIntegration, receiveInboundAlerts } from "./receive";

// POST /api/integrations/<source>/<token> (app/api/integrations/[source]/[token]/route.ts).
// The token in the path authenticates (monitoring tools cannot all send headers); no cookie
// is read, so there is no CSRF surface. The token is checked before the body is read.

export const MAX_INBOUND_BODY_BYTES = 1_000_000;

export interface InboundRequest extends JsonBodySource {
  method: string;
  source: string;
  token: string;
  ip: string | null;
}

export interface InboundResponse {
  status: number;
  body: unknown;
}

// 422 naming the field for a body that does not fit the source's format; 413 and 415 for a
// body refused before parsing; 404 for a URL that names no integration.
const CONTRACT: ErrorContract = {
  invalid: { status: 422, message: "The alert payload is not valid for this source." },
  fields: { root: "body" },
  bodyStatus: "precise",
  internal: { message: "Something went wrong on our side; please try again.", log: "inbound alert" },
};

const answer = ({ status, body }: JsonError): InboundResponse => ({ status, body });

export async function handleInboundAlertRequest(db: DbOrTx, request: InboundRequest, now = new Date()): Promise<InboundResponse> {
  if (request.method !== "POST") return answer(jsonError("method_not_allowed", "Use POST."));
  try {
    const integration = await authenticateIntegration(db, request.source, request.token);
    const body = await readJsonBody(request, { maxBytes: MAX_INBOUND_BODY_BYTES, what: "the alert" });
    const received = await receiveInboundAlerts(db, { integration, body, ip: request.ip }, now);
    return { status: 200, body: { received: received.results.length, results: received.results } };
  } catch (error) {
    return answer(errorToJson(error, CONTRACT));
  }
}
