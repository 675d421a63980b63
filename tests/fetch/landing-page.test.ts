import { describe, expect, it } from 'vitest';
import { decodeHtmlEntities, extractDailyFileLinks } from '../../scripts/fetch/landing-page';

const PAGE = 'https://www.ftc.gov/policy-notices/open-government/data-sets/do-not-call-data';

describe('extractDailyFileLinks', () => {
  it('resolves absolute, root-relative and path-relative links against the page URL', () => {
    const html = `
      <ul>
        <li><a href="https://www.ftc.gov/system/files/ftc_gov/csv/DNC_Complaint_Numbers_2026-05-15.csv">May 15</a></li>
        <li><a href="/system/files/ftc_gov/csv/DNC_Complaint_Numbers_2026-05-14.csv">May 14</a></li>
        <li><a href="files/DNC_Complaint_Numbers_2026-05-13.csv">May 13</a></li>
        <li><a href="../attachments/DNC_Complaint_Numbers_2026-05-12.csv">May 12</a></li>
      </ul>`;
    expect(extractDailyFileLinks(html, PAGE).map((link) => link.url)).toEqual([
      'https://www.ftc.gov/policy-notices/open-government/attachments/DNC_Complaint_Numbers_2026-05-12.csv',
      'https://www.ftc.gov/policy-notices/open-government/data-sets/files/DNC_Complaint_Numbers_2026-05-13.csv',
      'https://www.ftc.gov/system/files/ftc_gov/csv/DNC_Complaint_Numbers_2026-05-14.csv',
      'https://www.ftc.gov/system/files/ftc_gov/csv/DNC_Complaint_Numbers_2026-05-15.csv',
    ]);
  });

  it('finds both naming patterns and the _0 republication, with their dates', () => {
    const html = `
      <a href="/files/DNC_Complaint_Numbers_2026-05-15_0.csv">republished</a>
      <a href="/files/dnc_complaint_numbers_2021-07-08.csv">legacy</a>
      <a href="/files/DNC_Complaint_Numbers_2026-05-15.csv">first</a>`;
    expect(extractDailyFileLinks(html, PAGE)).toEqual([
      {
        url: 'https://www.ftc.gov/files/dnc_complaint_numbers_2021-07-08.csv',
        fileName: 'dnc_complaint_numbers_2021-07-08.csv',
        published: '2021-07-08',
        suffix: null,
      },
      {
        url: 'https://www.ftc.gov/files/DNC_Complaint_Numbers_2026-05-15.csv',
        fileName: 'DNC_Complaint_Numbers_2026-05-15.csv',
        published: '2026-05-15',
        suffix: null,
      },
      {
        url: 'https://www.ftc.gov/files/DNC_Complaint_Numbers_2026-05-15_0.csv',
        fileName: 'DNC_Complaint_Numbers_2026-05-15_0.csv',
        published: '2026-05-15',
        suffix: '0',
      },
    ]);
  });

  it('keeps query strings, decodes entities like &amp; and drops fragments', () => {
    const html = `<a href="/files/DNC_Complaint_Numbers_2026-05-15.csv?download=1&amp;itok=Ab-9#top">x</a>
      <a href='/files/DNC_Complaint_Numbers_2026-05-16.csv?a=1&#38;b=2&#x26;c=3'>y</a>`;
    expect(extractDailyFileLinks(html, PAGE).map((link) => link.url)).toEqual([
      'https://www.ftc.gov/files/DNC_Complaint_Numbers_2026-05-15.csv?download=1&itok=Ab-9',
      'https://www.ftc.gov/files/DNC_Complaint_Numbers_2026-05-16.csv?a=1&b=2&c=3',
    ]);
  });

  it('accepts single-quoted, unquoted and upper-case href attributes, and percent-encoded names', () => {
    const html = `<A HREF=/f/DNC_Complaint_Numbers_2026-01-02.csv>a</A>
      <a class="file" href = 'https://www.ftc.gov/f/DNC_Complaint_Numbers_2026-01-03.csv'>b</a>
      <a href="/f/DNC%5FComplaint%5FNumbers%5F2026-01-05.csv">c</a>`;
    expect(extractDailyFileLinks(html, PAGE).map((link) => link.fileName)).toEqual([
      'DNC_Complaint_Numbers_2026-01-02.csv',
      'DNC_Complaint_Numbers_2026-01-03.csv',
      'DNC_Complaint_Numbers_2026-01-05.csv',
    ]);
  });

  it('de-duplicates: the same file linked twice (absolute and relative) is listed once, first link wins', () => {
    const html = `
      <a href="/files/DNC_Complaint_Numbers_2026-05-15.csv">table</a>
      <a href="https://www.ftc.gov/files/DNC_Complaint_Numbers_2026-05-15.csv">sidebar</a>
      <a href="/mirror/DNC_Complaint_Numbers_2026-05-15.csv?x=1">mirror</a>`;
    const links = extractDailyFileLinks(html, PAGE);
    expect(links).toHaveLength(1);
    expect(links[0]!.url).toBe('https://www.ftc.gov/files/DNC_Complaint_Numbers_2026-05-15.csv');
  });

  it('ignores everything that is not a daily CSV link', () => {
    const html = `
      <link rel="stylesheet" href="/themes/ftc.css">
      <a href="/system/files/documents/reports/national-do-not-call-registry-data-book-fy-2024.pdf">Data Book</a>
      <a href="/developer/api/v0/endpoints/do-not-call-dnc-reported-calls-data-api">API</a>
      <a href="/files/DNC_Complaint_Numbers_2026-5-15.csv">bad date</a>
      <a href="/files/DNC_Complaint_Numbers_2026-05-15.csv.zip">zip</a>
      <a href="/files/Other_Numbers_2026-05-15.csv">other data set</a>
      <a href="mailto:dnc@ftc.gov?subject=DNC_Complaint_Numbers_2026-05-15.csv">mail</a>
      <a href="javascript:void('DNC_Complaint_Numbers_2026-05-15.csv')">js</a>
      <a data-href="/files/DNC_Complaint_Numbers_2026-05-15.csv">not an href</a>
      <!-- <a href="/files/DNC_Complaint_Numbers_2026-05-01.csv">commented out</a> -->
      <p>DNC_Complaint_Numbers_2026-05-15.csv mentioned in text</p>`;
    expect(extractDailyFileLinks(html, PAGE)).toEqual([]);
  });

  it('honours <base href> for relative links', () => {
    const html = `<head><base href="https://files.example.gov/dnc/"></head><a href="DNC_Complaint_Numbers_2026-05-15.csv">x</a>`;
    expect(extractDailyFileLinks(html, PAGE)[0]!.url).toBe(
      'https://files.example.gov/dnc/DNC_Complaint_Numbers_2026-05-15.csv',
    );
  });
});

describe('decodeHtmlEntities', () => {
  it('decodes named and numeric entities and leaves unknown ones alone', () => {
    expect(decodeHtmlEntities('a&amp;b&#38;c&#x26;d&quot;&bogus;')).toBe('a&b&c&d"&bogus;');
  });
});
