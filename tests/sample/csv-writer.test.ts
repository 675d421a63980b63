import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { type Complaint, emptyComplaint } from '../../scripts/sample/complaint';
import { csvField } from '../../src/lib/ftc-format';
import { DailyFileBuilder, formatDailyFile } from '../../scripts/sample/csv-writer';
import { parseDay } from '../../scripts/sample/dates';
import { FTC_HEADER } from '../../src/lib/ftc-format';

function complaint(fields: Partial<Complaint>): Complaint {
  return { ...emptyComplaint(), createdDay: parseDay('2026-10-30'), ...fields };
}

describe('csvField', () => {
  it('quotes only fields with a comma, a quote, CR or LF, doubling inner quotes', () => {
    expect(csvField('Other')).toBe('Other');
    expect(csvField('Warranties  & protection plans')).toBe('Warranties  & protection plans');
    expect(csvField('Energy, solar,  & utilities')).toBe('"Energy, solar,  & utilities"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('a\r\nb')).toBe('"a\r\nb"');
    expect(csvField('')).toBe('');
  });
});

describe('DailyFileBuilder', () => {
  it('writes the FTC line format exactly', () => {
    const text = formatDailyFile([
      complaint({
        callerNumber: 4703352559,
        createdSecond: 75,
        violationDay: parseDay('2026-10-29'),
        violationSecond: 11 * 3600 + 48 * 60,
        state: 'California',
        areaCode: '510',
        subject: 'No Subject Provided',
        flag: '',
      }),
      complaint({
        callerNumber: 2008000000,
        createdSecond: 86_399,
        violationDay: Number.NaN,
        city: 'Clinton',
        state: 'Illinois',
        areaCode: '217',
        subject: 'Calls pretending to be government, businesses, or family and friends',
        flag: 'Y',
      }),
      complaint({
        callerText: '70611454600144',
        city: 'O"Fallon, West',
        state: '',
        areaCode: '636',
        subject: 'Other',
        flag: 'N',
      }),
    ]);
    expect(text).toBe(
      `${FTC_HEADER}\r\n` +
        '4703352559,2026-10-30 00:01:15,2026-10-29 11:48:00,,California,510,No Subject Provided,\r\n' +
        '2008000000,2026-10-30 23:59:59,,Clinton,Illinois,217,"Calls pretending to be government, businesses, or family and friends",Y\r\n' +
        '70611454600144,2026-10-30 00:00:00,,"O""Fallon, West",,636,Other,N\r\n',
    );
  });

  it('keeps leading zeros of ten-digit numbers and writes non-ASCII text as UTF-8', () => {
    const text = formatDailyFile([
      complaint({
        callerNumber: 123,
        city: 'Mayagüez',
        state: 'Puerto Rico',
        areaCode: '787',
        subject: 'Other',
        flag: 'Y',
      }),
    ]);
    expect(text).toContain('\r\n0000000123,');
    expect(text).toContain(',Mayagüez,Puerto Rico,787,');
  });

  it('round-trips through papaparse with hostile free text', () => {
    const cities = ['a,b', '"quoted"', 'line\nbreak', 'cr\rhere', ',', '"', ''];
    const text = formatDailyFile(
      cities.map((city) =>
        complaint({
          callerNumber: 5551234567,
          city,
          state: 'Ohio',
          areaCode: '614',
          subject: 'Other',
          flag: 'N',
        }),
      ),
    );
    const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data.map((row) => row.Consumer_City)).toEqual(cities);
  });

  it('grows past its initial capacity and starts over on reset', () => {
    const builder = new DailyFileBuilder(64);
    const row = complaint({
      callerNumber: 5551234567,
      city: 'x'.repeat(500),
      state: 'Ohio',
      areaCode: '614',
      subject: 'Other',
      flag: 'N',
    });
    for (let i = 0; i < 100; i++) builder.row(row);
    expect(builder.bytes().toString('latin1').split('\r\n')).toHaveLength(102);
    builder.reset();
    expect(builder.bytes().toString('latin1')).toBe(`${FTC_HEADER}\r\n`);
  });
});
