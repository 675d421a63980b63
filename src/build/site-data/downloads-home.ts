/**
 * Where the yearly downloads (Parquet, CSV.gz) are published. By default beside the site under
 * /data/downloads/; a deployment whose host cannot hold them (five years of downloads are ~550 MB,
 * GitHub Pages takes 1 GB a site: README "Size on the host") sets ROBOCALL_DOWNLOADS_URL to where
 * it uploads them (the daily workflow: the assets of the repository's `data` release), and the
 * build leaves them out of dist/ (astro.config.mjs) and links there.
 */
export function downloadsHome(): string | null {
  const url = process.env.ROBOCALL_DOWNLOADS_URL?.trim();
  return url ? url.replace(/\/+$/, '') : null;
}
