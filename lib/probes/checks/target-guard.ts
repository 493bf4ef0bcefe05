import type { LookupFunction } from "node:net";
import { METADATA_ADDRESS_CODE, METADATA_ALLOW_HINT, metadataAddressLabel, probeLookup } from "../../net/ssrf";
import type { RunContext } from "../result";

// Which addresses a check may connect to: anything but link-local and cloud metadata
// addresses, unless an admin allowed those (Settings → Probes and security). Hostnames are
// checked as they resolve (the lookup), IP literals before connecting (they never resolve).

export interface TargetGuard {
  /** For net/tls.connect; undefined: the default lookup. */
  lookup: LookupFunction | undefined;
  /** The error to fail with instead of connecting to `host`, or null. */
  refuse(host: string): NodeJS.ErrnoException | null;
}

const OPEN: TargetGuard = { lookup: undefined, refuse: () => null };
const lookup = probeLookup();
const GUARDED: TargetGuard = {
  lookup,
  refuse(host) {
    const address = host.replace(/^\[(.*)\]$/, "$1");
    const label = metadataAddressLabel(address);
    if (!label) return null;
    const error: NodeJS.ErrnoException = new Error(`Refused to connect: ${address} is ${label}; ${METADATA_ALLOW_HINT}`);
    error.code = METADATA_ADDRESS_CODE;
    return error;
  },
};

export function targetGuard(ctx: Pick<RunContext, "allowMetadataTargets">): TargetGuard {
  return ctx.allowMetadataTargets ? OPEN : GUARDED;
}
