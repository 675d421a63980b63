/**
 * Telling "the host refused us" apart from other failures, and saying what to do about it.
 *
 * Several projects that mirror the FTC's files report that www.ftc.gov answers 403 to some
 * non-browser User-Agents (reported by others, not observed by us: there is no internet here).
 * A bot-check page (status 200 or 403, HTML titled "Access Denied", "Just a moment…", a captcha)
 * is the same refusal in another form. Either way another attempt would get the same answer:
 * the run names it and points at the two ways round it.
 */

export const BLOCKED_ADVICE =
  'the FTC host seems to refuse this client (it is reported to answer 403 to some non-browser User-Agents): ' +
  'try again with --user-agent "<a browser\'s User-Agent string>", or backfill the missing days from the API ' +
  '(npm run data:fetch -- --api --from YYYY-MM-DD --to YYYY-MM-DD)';

const BOT_CHECK =
  /access denied|just a moment|attention required|captcha|are you a (?:human|robot)|bot (?:check|detection)|request blocked|forbidden/i;

/** True for a failure message that is the host refusing us rather than a missing or broken file. */
export function looksBlocked(status: number | null, message: string): boolean {
  if (status === 403) return true;
  return /an HTML page titled/.test(message) && BOT_CHECK.test(message);
}

/** The message, with the advice appended when it is a refusal. */
export function withBlockedAdvice(message: string, status: number | null = null): string {
  return looksBlocked(status, message) && !message.includes(BLOCKED_ADVICE)
    ? `${message}: ${BLOCKED_ADVICE}`
    : message;
}
