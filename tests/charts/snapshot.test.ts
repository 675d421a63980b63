/** The snapshot format itself: pretty-printing only adds whitespace between tags, never inside text. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compactSvg, prettySvg } from './pretty-svg';

const SNAPSHOTS = join(import.meta.dirname, '__snapshots__');

describe('prettySvg', () => {
  it('puts one element a line, keeping text elements whole', () => {
    const markup =
      '<svg viewBox="0 0 10 10"><title>A chart</title><g aria-hidden="true"><line x1="0"/><text x="1"><tspan>Oct</tspan><tspan>2026</tspan></text></g></svg>';
    expect(prettySvg(markup)).toBe(
      [
        '<svg viewBox="0 0 10 10">',
        '  <title>A chart</title>',
        '  <g aria-hidden="true">',
        '    <line x1="0"/>',
        '    <text x="1"><tspan>Oct</tspan><tspan>2026</tspan></text>',
        '  </g>',
        '</svg>',
        '',
      ].join('\n'),
    );
  });

  it('gives back the exact markup when its line breaks are removed, for every snapshot', () => {
    const files = readdirSync(SNAPSHOTS).filter(
      (f) => f.endsWith('.svg') && !f.includes('-changed'),
    );
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const pretty = readFileSync(join(SNAPSHOTS, file), 'utf8');
      const markup = compactSvg(pretty);
      expect(markup.startsWith('<svg'), file).toBe(true);
      expect(markup).not.toMatch(/>\s+</);
      expect(prettySvg(markup), file).toBe(pretty);
    }
  });
});
