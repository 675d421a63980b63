/**
 * Build time: the explorer's default view (DEFAULT_VIEW: every complaint, by month, by kind of
 * call), computed with the explorer's own query builders on the build's cube and drawn with the
 * explorer's own chart function, so /explore/ shows a real chart, count and table before (and
 * without) JavaScript, and the script replaces them with the same numbers once its engine runs.
 */
import { CHART_TITLES } from '../../lib/catalog/enums';
import { viewContext, type ExploreConfig } from '../../lib/explore/context';
import { chartQuery, countQuery, type BuiltQuery } from '../../lib/explore/queries';
import { renderChart, type Row } from '../../lib/explore/render';
import { DEFAULT_VIEW } from '../../lib/explore/view';
import { formatCell } from '../../lib/explore/cells';
import { drawBoth } from './draw';
import { query } from './db';

export interface ExploreDefaultView {
  title: string;
  count: number;
  /** Wide and phone drawings (empty when there is nothing to draw). */
  svg: string;
  svgNarrow: string;
  /** The numbers behind the chart, formatted as the explorer's table formats them. */
  columns: string[];
  cells: string[][];
}

async function run(built: BuiltQuery): Promise<Row[]> {
  // The default view has no filter, so nothing is bound; the cube alone answers it.
  if (built.params.length || built.source === 'rows')
    throw new Error(
      `the explorer's default view needs the cube and no parameters (source ${built.source})`,
    );
  return query<Row>(built.sql);
}

export const loadExploreDefault = (config: ExploreConfig) => cached(config);

const cached = memo(async (config: ExploreConfig): Promise<ExploreDefaultView> => {
  // The yearly files are never attached at build time: the default view is answered by the cube.
  const { names, layout } = viewContext(config, (y) => `c${y}`);
  const [count, rows] = [
    await run(countQuery(DEFAULT_VIEW, 'bound', layout)),
    await run(chartQuery(DEFAULT_VIEW, 'bound', layout)),
  ];
  const drawn = rows.length
    ? drawBoth(({ width, document }) => {
        const chart = renderChart(DEFAULT_VIEW, rows, { names, width, document });
        if (!chart) throw new Error('the default view has no chart');
        return chart as unknown as Element;
      })
    : { svg: '', svgNarrow: '' };
  const columns = rows[0] ? Object.keys(rows[0]) : [];
  return {
    title: CHART_TITLES[DEFAULT_VIEW.chart],
    count: Number(count[0]?.complaints ?? 0),
    ...drawn,
    columns,
    cells: rows.map((row) => columns.map((c) => formatCell(c, row[c], names))),
  };
});

function memo<A, T>(load: (arg: A) => Promise<T>): (arg: A) => Promise<T> {
  let value: Promise<T> | undefined;
  return (arg) => (value ??= load(arg));
}
