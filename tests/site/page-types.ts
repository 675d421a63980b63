/** One page of each type, with the least number of chart figures and tables it must show. */
export const PAGE_TYPES = [
  { name: 'home', path: '/', figures: 3, tables: 3 },
  { name: 'states', path: '/states/', figures: 1, tables: 2 },
  { name: 'state', path: '/states/oh/', figures: 6, tables: 6 },
  { name: 'territory', path: '/states/pr/', figures: 6, tables: 6 },
  { name: 'territory without a population', path: '/states/gu/', figures: 5, tables: 5 },
  { name: 'subjects', path: '/subjects/', figures: 0, tables: 1 },
  { name: 'subject', path: '/subjects/imposters/', figures: 2, tables: 2 },
  { name: 'providers', path: '/providers/', figures: 2, tables: 3 },
  { name: 'provider', path: '/providers/acrobat-communications/', figures: 2, tables: 3 },
  { name: 'data', path: '/data/', figures: 0, tables: 3 },
  { name: 'callers', path: '/callers/', figures: 0, tables: 1 },
  { name: 'about', path: '/about/', figures: 1, tables: 1 },
  { name: 'not found', path: '/no-such-page/', figures: 0, tables: 0 },
] as const;
