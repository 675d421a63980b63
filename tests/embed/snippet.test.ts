/**
 * The embed snippet and the resize protocol (src/lib/embed/snippet.ts), and the host script
 * public/embed.js, which cannot import the module and must agree with it.
 */
import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import {
  embedSnippet,
  embedUrl,
  escapeAttribute,
  exploreUrl,
  iframeHtml,
  initialHeight,
  isResizeMessage,
  MAX_HEIGHT,
  MIN_HEIGHT,
  RESIZE_MESSAGE_TYPE,
  resizeMessage,
} from '../../src/lib/embed/snippet';

describe('the snippet', () => {
  const hostile = `"><script>alert(1)</script><img src=x onerror=alert(2)> & 'quotes'`;

  it('is a responsive, titled, lazy iframe plus the optional script', () => {
    const html = embedSnippet({
      src: 'https://atlas.example/embed/?state=OH&v=abc123',
      title: 'Complaints over time: All complaints in Ohio',
      height: 500,
      script: 'https://atlas.example/embed.js',
    });
    const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
    const iframes = document.querySelectorAll('iframe');
    expect(iframes.length).toBe(1);
    const iframe = iframes[0]!;
    expect(iframe.getAttribute('src')).toBe('https://atlas.example/embed/?state=OH&v=abc123');
    expect(iframe.getAttribute('title')).toBe('Complaints over time: All complaints in Ohio');
    expect(iframe.getAttribute('height')).toBe('500');
    expect(iframe.getAttribute('loading')).toBe('lazy');
    expect(iframe.getAttribute('style')).toContain('width:100%');
    const scripts = document.querySelectorAll('script');
    expect(scripts.length).toBe(1);
    expect(scripts[0]!.getAttribute('src')).toBe('https://atlas.example/embed.js');
    expect(
      embedSnippet({ src: 'https://a.example/embed/', title: 't', height: 400 }),
    ).not.toContain('<script');
  });

  it('escapes whatever the title and URL hold', () => {
    const html = iframeHtml({
      src: `https://a.example/embed/?x=${hostile}`,
      title: hostile,
      height: 480.4,
    });
    const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
    expect(document.querySelectorAll('script, img').length).toBe(0);
    expect(document.querySelector('iframe')!.getAttribute('title')).toBe(hostile);
    expect(html).toContain('height="480"');
    expect(escapeAttribute(`<&>"'`)).toBe('&lt;&amp;&gt;&quot;&#39;');
  });

  it('builds embed and explorer URLs on an origin', () => {
    expect(embedUrl('https://a.example/', 'chart=map&v=1')).toBe(
      'https://a.example/embed/?chart=map&v=1',
    );
    expect(embedUrl('https://a.example', '')).toBe('https://a.example/embed/');
    expect(exploreUrl('https://a.example', 'state=OH')).toBe('https://a.example/explore/?state=OH');
  });

  it('starts every chart at a realistic height', () => {
    for (const chart of [
      'trend',
      'map',
      'subjects',
      'area-codes',
      'callers',
      'providers',
      'table',
    ]) {
      expect(initialHeight(chart)).toBeGreaterThanOrEqual(400);
      expect(initialHeight(chart)).toBeLessThanOrEqual(800);
    }
  });
});

describe('the resize message', () => {
  it('carries only a type and a height in bounds', () => {
    expect(resizeMessage(612.2)).toEqual({ type: RESIZE_MESSAGE_TYPE, height: 613 });
    expect(isResizeMessage({ type: 'robocall-atlas:resize', height: 600 })).toBe(true);
    for (const bad of [
      null,
      'robocall-atlas:resize',
      { type: 'other', height: 600 },
      { type: RESIZE_MESSAGE_TYPE, height: '600' },
      { type: RESIZE_MESSAGE_TYPE, height: Number.NaN },
      { type: RESIZE_MESSAGE_TYPE, height: Infinity },
      { type: RESIZE_MESSAGE_TYPE, height: MIN_HEIGHT - 1 },
      { type: RESIZE_MESSAGE_TYPE, height: MAX_HEIGHT + 1 },
    ]) {
      expect(isResizeMessage(bad)).toBe(false);
    }
  });

  it('is what public/embed.js accepts, with the same bounds and checks', () => {
    const script = readFileSync('public/embed.js', 'utf8');
    expect(script).toContain(`var TYPE = '${RESIZE_MESSAGE_TYPE}';`);
    expect(script).toContain(`var MIN_HEIGHT = ${MIN_HEIGHT};`);
    expect(script).toContain(`var MAX_HEIGHT = ${MAX_HEIGHT};`);
    expect(script).toContain('event.origin !== origin');
    expect(script).toContain('frame.contentWindow === event.source');
    // It documents the protocol, and never evaluates or writes markup.
    expect(script).toMatch(/The protocol/);
    expect(script).not.toMatch(/innerHTML|eval\(|new Function|document\.write/);
  });
});
