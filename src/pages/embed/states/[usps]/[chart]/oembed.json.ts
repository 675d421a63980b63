/** /embed/states/<usps>/<chart>/oembed.json: the oEmbed (type `rich`) of a static state embed. */
import type { APIRoute } from 'astro';
import {
  oembedJson,
  stateEmbeds,
  type StaticEmbed,
} from '../../../../../build/embed/static-embeds';

export async function getStaticPaths() {
  return (await stateEmbeds()).map((embed) => ({
    params: { usps: embed.usps!.toLowerCase(), chart: embed.chart },
    props: { embed },
  }));
}

export const GET: APIRoute<{ embed: StaticEmbed }> = ({ props }) =>
  new Response(`${JSON.stringify(oembedJson(props.embed), null, 2)}\n`, {
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
