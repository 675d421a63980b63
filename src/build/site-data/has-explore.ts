/** True when the explorer page exists in this build (it comes with a later issue). */
export const hasExplore =
  Object.keys(import.meta.glob(['../../pages/explore.astro', '../../pages/explore/index.astro']))
    .length > 0;
