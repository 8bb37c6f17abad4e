/** A real pino logger that keeps its lines, to assert what was logged (and how often). */
import { createLogger, type Logger } from '../../src/log.js';

/** One parsed log line. */
export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

/** pino's number for "warn". */
const WARN = 40;

/** A debug-level JSON logger whose lines land in `lines`. */
export function aRecordingLogger(): { logger: Logger; lines: LogLine[]; warnings: () => LogLine[] } {
  const lines: LogLine[] = [];
  const destination = {
    write(chunk: string): void {
      for (const line of chunk.split('\n')) if (line.trim()) lines.push(JSON.parse(line) as LogLine);
    },
  };
  const logger = createLogger({ level: 'debug', pretty: false, destination });
  return { logger, lines, warnings: () => lines.filter((line) => line.level === WARN) };
}
