import type { CheckConfig } from "./config";
import type { ProbeResult, RunContext } from "../result";
import { runDns } from "./run-dns";
import { runHttp } from "./run-http";
import { runTcp } from "./run-tcp";
import { runGrpc } from "./run-grpc";
import { runIcmp } from "./run-icmp";
import { runMail } from "./run-mail";
import { runTls } from "./run-tls";
import { runWebSocket } from "./run-websocket";

// runCheck(config, ctx): runs one check of any kind and resolves to its result; it
// never rejects, so the worker can `await` it without try/catch. `config` must be the
// parsed CheckConfig (defaults applied). A bug inside a runner is reported as an
// "internal_error" result rather than crashing the worker loop.

export async function runCheck(config: CheckConfig, ctx: RunContext): Promise<ProbeResult> {
  try {
    switch (config.kind) {
      case "http":
        return await runHttp(config, ctx);
      case "tcp":
        return await runTcp(config, ctx);
      case "dns":
        return await runDns(config, ctx);
      case "tls":
        return await runTls(config, ctx);
      case "websocket":
        return await runWebSocket(config, ctx);
      case "grpc":
        return await runGrpc(config, ctx);
      case "mail":
        return await runMail(config, ctx);
      case "icmp":
        return await runIcmp(config, ctx);
      case "heartbeat":
        // The worker never schedules these (PUSH_KINDS); their results come from pings.
        throw new Error("a heartbeat is not checked by Vigil: its job pings Vigil's URL");
      default: {
        const unknown: never = config;
        throw new Error(`unknown probe kind ${JSON.stringify((unknown as { kind?: unknown }).kind)}`);
      }
    }
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    return {
      outcome: "failed",
      errorClass: "internal_error",
      message: `Probe runner failed: ${text}`,
      latencyMs: 0,
      timings: { totalMs: 0 },
      startedAt: new Date(),
      region: ctx.region,
    };
  }
}
