/** The pages that show a canonical chart announce its embed through oEmbed discovery links. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { oembedHref, USPS_TOKEN, type Discovery } from '../../src/lib/embed/discovery';
import { getSiteBuild, type SiteBuild } from '../helpers/site-build';

let site: SiteBuild;
beforeAll(async () => {
  site = await getSiteBuild();
}, 900_000);

describe('oEmbed discovery', () => {
  it.each([
    'index.html',
    'states/oh/index.html',
    'embed/national/trend/index.html',
    'embed/states/oh/trend/index.html',
  ])('%s links to oEmbed JSON that exists', (page) => {
    const html = readFileSync(join(site.dist, page), 'utf8');
    const links = [
      ...html.matchAll(/<link rel="alternate" type="application\/json\+oembed" href="([^"]+)"/g),
    ].map((m) => m[1]!);
    expect(links.length).toBeGreaterThan(0);
    for (const href of links) {
      const path = new URL(href, 'http://robocall-atlas.test/').pathname;
      const file = join(site.dist, path);
      expect(existsSync(file), path).toBe(true);
      const oembed = JSON.parse(readFileSync(file, 'utf8')) as {
        type: string;
        html: string;
        version: string;
      };
      expect(oembed.type).toBe('rich');
      expect(oembed.html).toMatch(/^<iframe /);
    }
  });
});

describe('oEmbed discovery on /explore/', () => {
  const explore = () => readFileSync(join(site.dist, 'explore/index.html'), 'utf8');

  it('carries no discovery link in its HTML, which every /explore/?… URL shares on a static host', () => {
    expect(explore()).not.toMatch(/application\/json\+oembed/);
  });

  it('names, for its script, only views whose prebuilt oEmbed exists', () => {
    const json = /<script type="application\/json" id="explore-oembeds">([^<]+)<\/script>/.exec(
      explore(),
    )![1]!;
    const discovery = JSON.parse(json) as Discovery;
    expect(discovery.states.length).toBeGreaterThan(40);
    expect(discovery.views.length).toBeGreaterThanOrEqual(8);
    for (const { path } of discovery.views)
      for (const usps of path.includes(USPS_TOKEN) ? discovery.states : ['']) {
        const href = oembedHref(path.replace(USPS_TOKEN, usps.toLowerCase()));
        expect(existsSync(join(site.dist, href)), href).toBe(true);
      }
  });
});
