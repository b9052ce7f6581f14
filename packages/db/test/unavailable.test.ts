import { describe, expect, it } from 'vitest';

import { databaseTrouble } from '../src/unavailable.ts';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('databaseTrouble', () => {
  it.each([
    [withCode('ECONNREFUSED'), 'unreachable'],
    [withCode('57P01', 'terminating connection due to administrator command'), 'unreachable'],
    [withCode('57P03', 'the database system is starting up'), 'unreachable'],
    [withCode('08006'), 'unreachable'],
    [new Error('Connection terminated unexpectedly'), 'unreachable'],
    [new AggregateError([withCode('ECONNREFUSED')]), 'unreachable'],
    [withCode('53300', 'sorry, too many clients already'), 'busy'],
    [withCode('57014', 'canceling statement due to statement timeout'), 'busy'],
    [new Error('timeout exceeded when trying to connect'), 'busy'],
    [new Error('Query read timeout'), 'busy'],
    [new Error('wrapped', { cause: withCode('53300') }), 'busy'],
  ])('classifies %s as %s', (error, trouble) => {
    expect(databaseTrouble(error)).toBe(trouble);
  });

  it.each([
    withCode('23505', 'duplicate key value violates unique constraint'),
    withCode('22021', 'invalid byte sequence for encoding "UTF8": 0x00'),
    withCode('42P01', 'relation does not exist'),
    new TypeError('a bug'),
    'a string',
    undefined,
  ])('leaves %s to the caller (not the database being away)', (error) => {
    expect(databaseTrouble(error)).toBeUndefined();
  });
});
