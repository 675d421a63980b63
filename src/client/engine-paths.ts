/**
 * The one place the engine may write: files registered in its own memory for downloads
 * (download-job.ts writes the CSV there with `COPY … TO`). Nothing under it is on disk or the network.
 * Apart from engine.ts so that naming it does not pull duckdb-wasm's code into a page's first load.
 */
export const DOWNLOAD_DIRECTORY = '/downloads/';
