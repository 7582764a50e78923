import { expect } from 'chai';
import { inkFor, widgetThemeCss } from '../../../server/reviews/widget-theme.js';

describe('widget theme', () => {
  it('when the accent is light, then the text on it is near-black; when dark, white', () => {
    expect(inkFor('#ffeb3b')).to.equal('#111111');
    expect(inkFor('#fff')).to.equal('#111111');
    expect(inkFor('#1f6feb')).to.equal('#ffffff');
    expect(inkFor('#000')).to.equal('#ffffff');
  });

  it('when #rgb is given, then it reads as #rrggbb does', () => {
    expect(inkFor('#0a7')).to.equal(inkFor('#00aa77'));
  });

  it('when the stylesheet is written, then it carries the accent in lower case and its ink', () => {
    expect(widgetThemeCss('#1F6FEB')).to.equal(':root{--accent:#1f6feb;--accent-ink:#ffffff}\n');
  });
});
