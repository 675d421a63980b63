/** /embed/national/<chart>/oembed.json: the oEmbed (type `rich`) of a static national embed. */
import type { APIRoute } from 'astro';
import {
  nationalEmbeds,
  oembedJson,
  type StaticEmbed,
} from '../../../../build/embed/static-embeds';

export async function getStaticPaths() {
  return (await nationalEmbeds()).map((embed) => ({
    params: { chart: embed.chart },
    props: { embed },
  }));
}

export const GET: APIRoute<{ embed: StaticEmbed }> = ({ props }) =>
  new Response(`${JSON.stringify(oembedJson(props.embed), null, 2)}\n`, {
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
