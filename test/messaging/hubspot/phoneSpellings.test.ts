import { describe, expect, it } from 'vitest';
import { nationalSpellings } from '../../../src/messaging/hubspot/phoneSpellings.ts';

const CASES: [string, string, string[]][] = [
  ['German mobile: national number and with trunk 0', '+4915123456701', ['15123456701', '015123456701']],
  ['UK mobile', '+447700900605', ['7700900605', '07700900605']],
  ['Spain has no trunk prefix', '+34612345603', ['612345603']],
  ['Italy keeps its leading 0 inside the national number', '+390612345678', ['0612345678']],
  ['US: ten digits (trunk 1 + ten digits is the E.164 digits again)', '+16505551234', ['6505551234']],
  ['Ireland (3-digit calling code)', '+353851234567', ['851234567', '0851234567']],
  ['separators are tolerated', '+49 151 2345-6701', ['15123456701', '015123456701']],
  ['a country outside the known plans: international forms only', '+81312345678', []],
  ['a national part of a length the country does not use', '+3461234560', []],
  ['a national part shorter than 8 digits says too little', '+49301234', []],
  ['not E.164', '015123456701', []],
  ['garbage', 'call me', []],
];

describe('national spellings searched for a WhatsApp number', () => {
  it.each(CASES)('%s: %s', (_name, e164, expected) => {
    expect(nationalSpellings(e164)).toEqual(expected);
  });
});
