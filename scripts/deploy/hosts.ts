/**
 * The static hosts the README supports, with the limits that decide whether `dist/` can be
 * published there. Each number says where it comes from; "assumed" marks what no document we
 * could read states (there is no internet here to try it).
 */
export interface HostLimits {
  name: string;
  label: string;
  /** Largest single file, bytes. */
  maxFileBytes: number;
  maxFileSource: string;
  /** Largest published site, bytes (null: none stated). */
  maxTotalBytes: number | null;
  maxTotalSource: string;
  /** Most files per deployment (null: none stated). */
  maxFiles: number | null;
  /** Answers `Range: bytes=…` with 206: the explorer reads the .duckdb files by Range. */
  range: boolean;
  /** Answers HEAD with Content-Length (duckdb-wasm asks the size first). */
  head: boolean;
  /** Serves application/wasm compressed (gzip or brotli) to browsers that accept it. */
  compressesWasm: boolean;
  behaviourSource: string;
}

const MiB = 1024 * 1024;
const GB = 1_000_000_000;

export const HOSTS: Record<string, HostLimits> = {
  'github-pages': {
    name: 'github-pages',
    label: 'GitHub Pages',
    maxFileBytes: 100 * MiB,
    // docs.github.com, "About large files on GitHub": "GitHub blocks files larger than 100 MiB."
    // That is the repository's rule; the Pages limits page states no per-file limit for an
    // uploaded Pages artifact, so it is assumed to hold there too (the stricter reading).
    maxFileSource:
      'docs.github.com "About large files on GitHub": "GitHub blocks files larger than 100 MiB" (assumed to hold for a Pages artifact too: the Pages limits state none)',
    // docs.github.com, "GitHub Pages limits": "Published GitHub Pages sites may be no larger than
    // 1 GB." (also: source repositories "recommended limit of 1 GB", "soft bandwidth limit of
    // 100 GB per month", deployments "timeout if they take longer than 10 minutes").
    maxTotalBytes: 1 * GB,
    maxTotalSource:
      'docs.github.com "GitHub Pages limits": "Published GitHub Pages sites may be no larger than 1 GB"',
    maxFiles: null,
    range: true,
    head: true,
    compressesWasm: true,
    behaviourSource:
      'assumed from other projects serving duckdb-wasm and byte-range reads from Pages (its CDN answers Range and HEAD, and gzips application/wasm); not tried from here',
  },
  'cloudflare-pages': {
    name: 'cloudflare-pages',
    label: 'Cloudflare Pages',
    // developers.cloudflare.com/pages/platform/limits/: "The maximum file size for a single
    // Cloudflare Pages site asset is 25 MiB." Files: "up to 20,000 files on the Free plan"; paid
    // plans 100,000 (Pages changelog, 2026-01-23). No total size is stated.
    maxFileBytes: 25 * MiB,
    maxFileSource:
      'developers.cloudflare.com/pages/platform/limits: "The maximum file size for a single Cloudflare Pages site asset is 25 MiB"',
    maxTotalBytes: null,
    maxTotalSource: 'no total stated',
    maxFiles: 20_000,
    range: true,
    head: true,
    compressesWasm: true,
    behaviourSource:
      'Cloudflare Pages limits (20,000 files on the free plan, 100,000 on paid ones since 2026-01); Range, HEAD and compression assumed',
  },
  local: {
    name: 'local',
    label: 'the project server (npm run serve)',
    maxFileBytes: Number.MAX_SAFE_INTEGER,
    maxFileSource: 'none',
    maxTotalBytes: null,
    maxTotalSource: 'none',
    maxFiles: null,
    range: true,
    head: true,
    compressesWasm: true,
    behaviourSource:
      'scripts/serve/static-server.ts (tested): Range, HEAD, gzipped twins written by the build',
  },
};
