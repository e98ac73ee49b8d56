import { describe, expect, it } from 'vitest';
import { compareVietnamese, foldVietnamese, foldedTokens, matchesVietnamese, sortVietnamese, toNfc } from './text.js';

describe('foldVietnamese', () => {
  it('strips every tone and vowel mark, and đ becomes d', () => {
    expect(foldVietnamese('Nguyễn Thị Hoa')).toBe('nguyen thi hoa');
    expect(foldVietnamese('Đổng Xá')).toBe('dong xa');
    expect(foldVietnamese('Hoàng Văn Thụ')).toBe('hoang van thu');
    expect(foldVietnamese('Lương Thượng')).toBe('luong thuong');
    expect(foldVietnamese('Bản Pjạc')).toBe('ban pjac');
    expect(foldVietnamese('Hữu Thác')).toBe('huu thac');
    expect(foldVietnamese('Cư Lễ')).toBe('cu le');
  });

  it('treats decomposed (NFD) input the same as precomposed input', () => {
    const decomposed = 'Nguyễn Thị Hoa'.normalize('NFD');
    expect(decomposed).not.toBe('Nguyễn Thị Hoa');
    expect(foldVietnamese(decomposed)).toBe('nguyen thi hoa');
  });

  it('collapses punctuation and white space', () => {
    expect(foldVietnamese('  Lò  Thị-Mai, ')).toBe('lo thi mai');
    expect(foldedTokens('  ')).toEqual([]);
    expect(foldedTokens('Triệu Thị Mây')).toEqual(['trieu', 'thi', 'may']);
  });
});

describe('matchesVietnamese', () => {
  it('finds a name typed without accents, with accents or by prefix', () => {
    expect(matchesVietnamese('Nguyễn Thị Hoa', 'nguyen thi hoa')).toBe(true);
    expect(matchesVietnamese('Nguyễn Thị Hoa', 'Nguyễn hoa')).toBe(true);
    expect(matchesVietnamese('Nguyễn Thị Hoa', 'ngu ho')).toBe(true);
    expect(matchesVietnamese('Nguyễn Thị Hoa', 'nguyen thi hue')).toBe(false);
  });
});

describe('compareVietnamese', () => {
  it('sorts by the Vietnamese alphabet, not by code point', () => {
    const names = ['Đinh Văn Ba', 'Dương Thị Lan', 'Ân Tình', 'An Nhiên', 'Ông Văn Tú', 'Ơn Thị Lệ', 'Oanh', 'Bế Văn Cường'];
    expect(sortVietnamese(names, (n) => n)).toEqual([
      'An Nhiên', 'Ân Tình', 'Bế Văn Cường', 'Dương Thị Lan', 'Đinh Văn Ba', 'Oanh', 'Ông Văn Tú', 'Ơn Thị Lệ',
    ]);
  });

  it('orders ư after u and đ after d', () => {
    expect(compareVietnamese('Ư', 'U')).toBeGreaterThan(0);
    expect(compareVietnamese('đa', 'dz')).toBeGreaterThan(0);
    expect(compareVietnamese(toNfc('Hoa'), 'Hoa')).toBe(0);
  });
});
