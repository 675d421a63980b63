/**
 * "Does this look like an FTC daily CSV?" — decided from the first bytes of a download, before
 * anything is kept. Web servers and CDNs answer a missing or blocked file with an HTML page and
 * status 200 often enough that the status alone cannot be trusted; an HTML page archived as
 * `DNC_Complaint_Numbers_….csv` would then be ingested as garbage and never fetched again.
 */
import { FTC_HEADER, headerLine, isFtcHeader, isMarkupLine } from '../../src/lib/ftc-format';

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

/** How much of the body we look at before deciding. The header is 140 bytes. */
export const HEAD_BYTES = 8 * 1024;

export type HeadVerdict =
  /** Not enough bytes yet to tell (no line break seen and fewer than HEAD_BYTES). */
  | { kind: 'undecided' }
  | { kind: 'ok' }
  /**
   * A first line that is not the FTC header but not a web page either: the FTC may have changed
   * its export, so the whole body is judged (`FtcBodyCheck`) before anything is decided.
   */
  | { kind: 'other-header' }
  | { kind: 'rejected'; reason: string };

/**
 * Judge the first bytes of a body. `complete` says the body ended within `head`, so a missing
 * line break means "the whole file is one line" rather than "wait for more".
 */
export function checkFtcCsvHead(
  head: Uint8Array,
  contentType: string | null,
  complete: boolean,
): HeadVerdict {
  const start = hasBom(head) ? UTF8_BOM.length : 0;
  const newline = head.indexOf(0x0a, start);
  if (newline === -1 && !complete && head.length < HEAD_BYTES) return { kind: 'undecided' };

  const firstLine = headerLine(head);
  if (isFtcHeader(firstLine)) return { kind: 'ok' };
  if (head.length === 0 || looksLikeHtml(firstLine, contentType)) {
    // For an HTML page, read on to its <title> so the message can name it.
    if (head.length > 0 && !complete && head.length < HEAD_BYTES && !hasTitleEnd(head))
      return { kind: 'undecided' };
    return { kind: 'rejected', reason: rejectionReason(head, firstLine, contentType) };
  }
  return { kind: 'other-header' };
}

function hasBom(head: Uint8Array): boolean {
  return UTF8_BOM.every((byte, i) => head[i] === byte);
}

function looksLikeHtml(firstLine: string, contentType: string | null): boolean {
  return isMarkupLine(firstLine) || /html/i.test(contentType ?? '');
}

function hasTitleEnd(head: Uint8Array): boolean {
  return /<\/title>/i.test(new TextDecoder().decode(head));
}

function rejectionReason(head: Uint8Array, firstLine: string, contentType: string | null): string {
  if (head.length === 0) return 'not an FTC CSV: the body is empty';
  if (looksLikeHtml(firstLine, contentType)) {
    const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(new TextDecoder().decode(head))?.[1];
    const named = title ? ` titled "${excerpt(title.replace(/\s+/g, ' ').trim())}"` : '';
    return `not an FTC CSV: an HTML page${named} (content-type ${contentType ?? 'not given'}) was served instead`;
  }
  return `not an FTC CSV: first line is "${excerpt(firstLine)}", expected the FTC header "${FTC_HEADER}"`;
}

/** Short and printable: the message ends up in a terminal and in the ledger. */
function excerpt(text: string): string {
  const printable = text.replace(/[^\x20-\x7e]/g, '?');
  return printable.length > 80 ? `${printable.slice(0, 77)}...` : printable;
}
