import { describe, expect, it } from 'vitest';
import { csvField, dailyFileName, FTC_HEADER, parseDailyFileName } from '../../src/lib/ftc-format';

describe('parseDailyFileName', () => {
  it('reads the current, republished and legacy names', () => {
    expect(parseDailyFileName('DNC_Complaint_Numbers_2026-05-15.csv')).toEqual({
      published: '2026-05-15',
      suffix: null,
    });
    expect(parseDailyFileName('DNC_Complaint_Numbers_2026-05-15_0.csv')).toEqual({
      published: '2026-05-15',
      suffix: '0',
    });
    expect(parseDailyFileName('dnc_complaint_numbers_2021-07-08.csv')).toEqual({
      published: '2021-07-08',
      suffix: null,
    });
  });

  it('rejects names that are not daily files', () => {
    expect(parseDailyFileName('index.html')).toBeNull();
    expect(parseDailyFileName('DNC_Complaint_Numbers_2026-5-15.csv')).toBeNull();
  });

  it('round-trips dailyFileName', () => {
    for (const name of [
      dailyFileName('2025-01-02'),
      dailyFileName('2021-07-08', 'legacy'),
      dailyFileName('2025-01-02', 'current', '0'),
    ]) {
      const parsed = parseDailyFileName(name)!;
      expect(name).toContain(parsed.published);
    }
  });
});

describe('FTC_HEADER', () => {
  it('is the published header', () => {
    expect(FTC_HEADER).toBe(
      'Company_Phone_Number,Created_Date,Violation_Date,Consumer_City,Consumer_State,Consumer_Area_Code,Subject,Recorded_Message_Or_Robocall',
    );
  });
});

describe('csvField(value)', () => {
  it('quotes only what needs quoting', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
  });
});
