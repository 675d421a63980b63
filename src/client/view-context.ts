/** The view context of an /explore/ or /embed/ page, from the config its build embedded as JSON. */
import {
  viewContext,
  yearAlias,
  type ExploreConfig,
  type ViewContext,
} from '../lib/explore/context';

export function readViewContext(): ViewContext {
  const config = JSON.parse(
    document.getElementById('explore-config')!.textContent!,
  ) as ExploreConfig;
  return viewContext(config, yearAlias);
}
