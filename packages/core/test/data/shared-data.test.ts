import { describe, expect, it } from 'vitest';
import { describeColumns, prepareTable, readCsv } from '../../src/data/index.js';
import { sharedCsv } from './shared-data.js';

describe('the shared data sets', () => {
  it('sleepstudy: 180 rows, Subject a factor with labels as written', () => {
    const raw = readCsv(sharedCsv('sleepstudy'));
    expect(raw.names).toEqual(['Reaction', 'Days', 'Subject']);
    const { table } = prepareTable(raw, { numeric: ['Reaction'], factor: ['Subject'], any: ['Days'] });
    expect(table.nrow).toBe(180);
    const d = describeColumns(table);
    expect(d[0]).toMatchObject({ column: 'Reaction', kind: 'numeric' });
    expect(d[1]).toEqual({ column: 'Days', kind: 'numeric', min: 0, max: 9 });
    const subject = d[2];
    expect(subject.kind).toBe('factor');
    if (subject.kind === 'factor') {
      expect(subject.levels.length).toBe(18);
      expect(subject.levels.slice(0, 3)).toEqual(['308', '309', '310']);
    }
  });

  it('radon: 919 rows, county levels in order of appearance', () => {
    const { table } = prepareTable(readCsv(sharedCsv('radon')), { numeric: ['log_radon'], factor: ['county'], any: ['floor', 'log_uranium'] });
    expect(table.nrow).toBe(919);
    const county = table.columns.get('county');
    expect(county?.kind).toBe('factor');
    if (county?.kind === 'factor') {
      expect(county.levels.length).toBe(85);
      expect(county.levels[0]).toBe('AITKIN');
    }
  });

  it('orthodont, orange and eight_schools read with the expected sizes and types', () => {
    const orth = prepareTable(readCsv(sharedCsv('orthodont')), { numeric: ['distance'], factor: ['Subject'], any: ['age', 'Sex'] }).table;
    expect(orth.nrow).toBe(108);
    expect(orth.columns.get('Sex')).toMatchObject({ kind: 'factor', levels: ['Male', 'Female'] });
    const orange = prepareTable(readCsv(sharedCsv('orange')), { numeric: ['circumference', 'age'], factor: ['Tree'], any: [] }).table;
    expect(orange.nrow).toBe(35);
    expect(orange.columns.get('Tree')).toMatchObject({ kind: 'factor', levels: ['1', '2', '3', '4', '5'] });
    const schools = prepareTable(readCsv(sharedCsv('eight_schools')), { numeric: ['y', 'sigma'], factor: ['school'], any: [] }).table;
    expect(schools.nrow).toBe(8);
    expect(schools.columns.get('school')).toMatchObject({ kind: 'factor', levels: ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'] });
  });
});
