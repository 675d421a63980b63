/** Which static embed (and so which prebuilt oEmbed) /explore/ links for a view, if any. */
import { describe, expect, it } from 'vitest';
import {
  discoveryKey,
  embedPathFor,
  oembedHref,
  stateTemplate,
  type Discovery,
} from '../../src/lib/embed/discovery';
import { DEFAULT_VIEW, type ExploreView } from '../../src/lib/explore/view';

const view = (v: Partial<ExploreView>): ExploreView => ({ ...DEFAULT_VIEW, ...v });
const stateTrend = view({ states: ['OH'], from: '2023-03', to: '2024-03' });
const discovery: Discovery = {
  views: [
    { key: discoveryKey(DEFAULT_VIEW), path: '/embed/national/trend/' },
    { key: discoveryKey(view({ chart: 'map', measure: 'per100k' })), path: '/embed/national/map/' },
    { key: stateTemplate(discoveryKey(stateTrend), 'OH'), path: '/embed/states/{usps}/trend/' },
  ],
  states: ['OH', 'TX'],
};

describe('oEmbed discovery for explorer views', () => {
  it('links the default view to the national trend', () => {
    expect(embedPathFor(DEFAULT_VIEW, discovery)).toBe('/embed/national/trend/');
    expect(oembedHref('/embed/national/trend/')).toBe('/embed/national/trend/oembed.json');
  });

  it('ignores the data version and the table page', () => {
    expect(embedPathFor(view({ v: 'abc123', page: 3 }), discovery)).toBe('/embed/national/trend/');
  });

  it('links any state that has embed pages through the one template', () => {
    expect(embedPathFor({ ...stateTrend, states: ['TX'] }, discovery)).toBe(
      '/embed/states/tx/trend/',
    );
    expect(embedPathFor({ ...stateTrend, states: ['PR'] }, discovery)).toBeNull();
  });

  it('links nothing for a view no static embed shows exactly', () => {
    expect(embedPathFor(view({ states: ['OH'] }), discovery)).toBeNull(); // no period
    expect(embedPathFor({ ...stateTrend, states: ['OH', 'TX'] }, discovery)).toBeNull();
    expect(embedPathFor({ ...stateTrend, interval: 'week' }, discovery)).toBeNull();
    expect(embedPathFor(view({ chart: 'map' }), discovery)).toBeNull(); // counts, not rates
  });
});
