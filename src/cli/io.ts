/** Where the CLI writes and what it asks of its surroundings (tests give their own). */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stderr is a terminal (progress is shown only then). */
  isTTY: boolean;
  now: () => number;
}
