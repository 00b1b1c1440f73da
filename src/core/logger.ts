/** Where the pipeline's messages go: the Actions log (core) or the terminal (CLI). */
export interface Logger {
  info(message: string): void;
  warning(message: string): void;
  debug(message: string): void;
}

export const silentLogger: Logger = { info() {}, warning() {}, debug() {} };
