/**
 * Every internal URL the site builds, in one place: lower-case USPS codes (`/states/oh/`), subject
 * slugs, provider slugs; always with the trailing slash astro.config.mjs asks for.
 */

export const stateUrl = (usps: string): string => `/states/${usps.toLowerCase()}/`;
export const subjectUrl = (slug: string): string => `/subjects/${slug}/`;
export const providerUrl = (slug: string): string => `/providers/${slug}/`;
export const dataFileUrl = (file: string): string =>
  `/data/${file.split('/').map(encodeURIComponent).join('/')}`;
/**
 * A file of the data folder as the site links it: a download (`downloads/…`) at `downloadsHome`
 * when the deployment publishes them elsewhere (src/build/site-data/downloads-home.ts), else under /data/.
 */
export const publishedFileUrl = (file: string, downloadsHome: string | null): string =>
  downloadsHome !== null && file.startsWith('downloads/')
    ? `${downloadsHome}/${encodeURIComponent(file.slice('downloads/'.length))}`
    : dataFileUrl(file);
