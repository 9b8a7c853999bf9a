/** The logging the projector needs; a pino logger fits, and so does `console`. */
export interface ProjectorLogger {
  info(details: object, message?: string): void;
  warn(details: object, message?: string): void;
  error(details: object, message?: string): void;
}

export const silentLogger: ProjectorLogger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
