import { expect } from 'chai';
import { csvCell, csvTable } from '../../../server/http/view-models/csv-table.js';

describe('CSV export cells', () => {
  it('when a text cell starts with = + - or @, then it is prefixed with an apostrophe so no spreadsheet runs it', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).to.equal(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell('+1+2')).to.equal("'+1+2");
    expect(csvCell('-2+3')).to.equal("'-2+3");
    expect(csvCell('@SUM(A1)')).to.equal("'@SUM(A1)");
    expect(csvCell('\tcmd')).to.equal("'\tcmd");
  });

  it('when a cell holds commas, quotes or line breaks, then it is quoted with quotes doubled', () => {
    expect(csvCell('a, "b"\nc')).to.equal('"a, ""b""\nc"');
    expect(csvCell('plain')).to.equal('plain');
  });

  it('when a value is a number, then it stays a number even when negative', () => {
    expect(csvCell(-20)).to.equal('-20');
    expect(csvCell(null)).to.equal('');
    expect(csvCell(Number.NaN)).to.equal('');
  });

  it('when a table is written, then rows end with CRLF and the header comes first', () => {
    expect(csvTable(['a', 'b'], [[1, '=x']])).to.equal("a,b\r\n1,'=x\r\n");
  });
});
