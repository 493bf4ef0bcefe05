import { ServiceError } from "../errors";

/** The source could not be read at all (unreachable, not JSON, not a Statuspage API): the import stops before writing anything. */
export class ImportSourceError extends ServiceError {
  constructor(message: string) {
    super("invalid", message);
  }
}
