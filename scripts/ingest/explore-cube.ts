/**
 * `explore-cube.json` beside `cube.duckdb`: the explorer's first views without the engine
 * (src/lib/cube/explore-cube.ts says what it holds and why dense JSON). Read back from the cube as
 * written, so it can only say what `cube.monthly` says.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  CUBE_FLAGS,
  EXPLORE_CUBE_FILE,
  EXPLORE_CUBE_FORMAT,
  type ExploreCube,
} from '../../src/lib/cube/explore-cube';
import { sqlString, type Db } from '../lib/duckdb';

interface MonthlyCell {
  month: string;
  state: string | null;
  subject: string | null;
  robocall: boolean | null;
  complaints: number;
}

/** Writes `<dir>/explore-cube.json` from `<dir>/cube.duckdb`; returns its size in bytes. */
export async function writeExploreCube(db: Db, dir: string, dataVersion: string): Promise<number> {
  await db.run(`ATTACH ${sqlString(join(dir, 'cube.duckdb'))} AS explore_cube (READ_ONLY)`);
  let cells: MonthlyCell[];
  try {
    cells = await db.all<MonthlyCell>(
      `SELECT strftime(month, '%Y-%m-%d') AS month, state, subject, robocall, complaints::BIGINT AS complaints
       FROM explore_cube.monthly`,
    );
  } finally {
    await db.run('DETACH explore_cube');
  }
  const cube = buildExploreCube(cells, dataVersion);
  const text = JSON.stringify(cube);
  await writeFile(join(dir, EXPLORE_CUBE_FILE), text);
  return Buffer.byteLength(text);
}

/** The dense cube of monthly cells: every axis sorted (missing values last), every cell counted once. */
export function buildExploreCube(cells: MonthlyCell[], dataVersion: string): ExploreCube {
  const axis = <T extends string | null>(values: T[]): T[] =>
    [...new Set(values)].sort((a, b) =>
      a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1,
    );
  const months = axis(cells.map((c) => c.month));
  const states = axis(cells.map((c) => c.state));
  const subjects = axis(cells.map((c) => c.subject));
  const at = <T>(list: T[]) => new Map(list.map((v, i) => [v, i]));
  const [m, s, j] = [at(months), at(states), at(subjects)];
  const r = at<boolean | null>([...CUBE_FLAGS]);
  const complaints = new Array<number>(
    months.length * states.length * subjects.length * CUBE_FLAGS.length,
  ).fill(0);
  for (const c of cells) {
    const index =
      ((m.get(c.month)! * states.length + s.get(c.state)!) * subjects.length + j.get(c.subject)!) *
        CUBE_FLAGS.length +
      r.get(c.robocall)!;
    complaints[index] = complaints[index]! + Number(c.complaints);
  }
  return {
    format: EXPLORE_CUBE_FORMAT,
    data_version: dataVersion,
    months,
    states,
    subjects,
    complaints,
  };
}
