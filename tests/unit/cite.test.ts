/** src/lib/cite.ts: the citation sentence and BibTeX for a chart, pinned to a data version. */
import { describe, expect, it } from 'vitest';
import {
  bibtexKey,
  bibtexUrl,
  citationBibtex,
  citationText,
  citedTitle,
  escapeBibtex,
  type CiteInput,
} from '../../src/lib/cite';

const base: CiteInput = {
  title: 'Complaints over time',
  description: 'All complaints in Ohio over the whole period',
  permalink: 'https://robocall-atlas.example/explore/?state=OH&v=3d823eea31c2',
  dataVersion: '3d823eea31c2',
  accessed: '2026-11-29',
  dataFrom: '2025-09-27',
  dataTo: '2026-10-31',
};

/** True when every `{` has its `}` (ignoring escaped ones). */
function balanced(text: string): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') {
      i++;
      continue;
    }
    if (text[i] === '{') depth++;
    if (text[i] === '}' && --depth < 0) return false;
  }
  return depth === 0;
}

describe('citationText', () => {
  it('names the publisher, the chart and its filters, the data version and dates, the source, the permalink and the access date', () => {
    expect(citationText(base)).toBe(
      'Robocall Atlas. “Complaints over time: All complaints in Ohio over the whole period.” Chart, data version 3d823eea31c2 (FTC Do Not Call complaints created September 27, 2025 to October 31, 2026). Source: Federal Trade Commission, Do Not Call reported calls data. https://robocall-atlas.example/explore/?state=OH&v=3d823eea31c2. Accessed November 29, 2026.',
    );
  });

  it('says when the data are synthetic, and cites a download as a dataset', () => {
    const text = citationText({ ...base, synthetic: true, kind: 'dataset' });
    expect(text).toContain('Synthetic sample data, not real complaints.');
    expect(text).toContain('Dataset, data version 3d823eea31c2');
  });

  it('leaves out the date range when it is not known', () => {
    expect(citationText({ ...base, dataFrom: null, dataTo: null })).toContain(
      'Chart, data version 3d823eea31c2. Source:',
    );
  });

  it('wants a real access date', () => {
    expect(() => citationText({ ...base, accessed: 'yesterday' })).toThrow(/YYYY-MM-DD/);
  });

  it('joins title and filters once', () => {
    expect(citedTitle({ title: ' Busiest area codes ', description: '' })).toBe(
      'Busiest area codes',
    );
  });
});

describe('citationBibtex', () => {
  it('is a @misc entry with the fields a reference manager needs', () => {
    const bib = citationBibtex(base);
    expect(bib).toMatch(/^@misc\{robocallatlas-2026-3d823eea31c2-[0-9a-z]+,\n/);
    expect(bib).toContain(
      'title     = {{Complaints over time: All complaints in Ohio over the whole period}}',
    );
    expect(bib).toContain('author    = {{Robocall Atlas}}');
    expect(bib).toContain('year      = {2026}');
    expect(bib).toContain(
      'url       = {https://robocall-atlas.example/explore/?state=OH&v=3d823eea31c2}',
    );
    expect(bib).toContain('urldate   = {2026-11-29}');
    expect(bib).toContain('version   = {3d823eea31c2}');
    expect(bib).toMatch(
      /note\s+= \{Chart, data version 3d823eea31c2 \(FTC Do Not Call complaints created September 27, 2025 to October 31, 2026\)\. Source: Federal Trade Commission, Do Not Call reported calls data\. Accessed November 29, 2026\.\}/,
    );
    expect(bib.endsWith('\n}')).toBe(true);
    expect(balanced(bib)).toBe(true);
  });

  it('escapes what BibTeX and LaTeX would read as commands, keeping braces balanced', () => {
    const hostile = {
      ...base,
      description: 'Energy & utilities, 100% {odd} $5 #1 a_b ^ ~ \\input{x}',
    };
    const bib = citationBibtex(hostile);
    expect(bib).toContain(
      'Energy \\& utilities, 100\\% \\{odd\\} \\$5 \\#1 a\\_b \\^{} \\~{} \\textbackslash{}input\\{x\\}',
    );
    expect(balanced(bib)).toBe(true);
    expect(escapeBibtex('“quoted” ‘single’')).toBe(`"quoted" 'single'`);
  });

  it('keeps the URL verbatim but never lets it close the field', () => {
    expect(bibtexUrl('https://x.example/explore/?a=1%2C2&b={3} 4')).toBe(
      'https://x.example/explore/?a=1%2C2&b=%7B3%7D%204',
    );
  });

  it('gives two views two keys, and one view the same key', () => {
    const a = bibtexKey(base);
    expect(bibtexKey(base)).toBe(a);
    expect(bibtexKey({ ...base, permalink: `${base.permalink}&chart=map` })).not.toBe(a);
    expect(bibtexKey({ ...base, dataVersion: '../x' })).toMatch(/^robocallatlas-2026-x-/);
  });
});
