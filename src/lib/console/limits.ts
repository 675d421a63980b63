/** A console query that runs longer than this is stopped (its worker ended and started afresh). */
export const CONSOLE_TIME_LIMIT_MS = 30_000;
