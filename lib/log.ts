// The one logger: pino, one JSON object per line on stdout (levels, time, message, fields),
// or coloured lines for a person at a terminal. Use fields, not string building:
// `log.warn({ err, probeId }, "probe check crashed")`; an `err` field is serialised with its stack
// for the operator, never for a client.
import pino, { type Logger } from "pino";
import pretty from "pino-pretty";
import { type Env, EnvError, uncachedEnv } from "./env";

function settings(): Pick<Env, "LOG_LEVEL" | "LOG_FORMAT"> {
  try {
    return uncachedEnv();
  } catch (error) {
    // A bad environment is reported by whoever parses it first (scripts/start.ts); logging still works.
    if (error instanceof EnvError) return { LOG_LEVEL: "info", LOG_FORMAT: undefined };
    throw error;
  }
}

function createLogger(): Logger {
  const { LOG_LEVEL, LOG_FORMAT } = settings();
  const format = LOG_FORMAT ?? (process.stdout.isTTY ? "pretty" : "json");
  const options = {
    level: LOG_LEVEL,
    base: { app: "vigil" },
    // Level names and ISO times read better in any collector than pino's numbers and epoch ms.
    formatters: { level: (label: string) => ({ level: label }) },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  // pino-pretty as a synchronous stream, not a transport: no worker thread, no extra memory.
  if (format === "pretty") return pino(options, pretty({ sync: true, ignore: "pid,hostname,app", translateTime: "SYS:HH:MM:ss.l" }));
  return pino(options);
}

export const log: Logger = createLogger();
