import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { snowballText } from './terms.ts';

describe('snowballText: what PostgreSQL’s Snowball configurations are given (decision 0018)', () => {
  test('English irregular plurals, past forms and comparatives become a form Snowball stems like the regular ones', () => {
    assert.equal(snowballText('Children, women and MICE', 'en'), 'child, woman and mouse');
    assert.equal(snowballText('went gone better best worse feet', 'en'), 'go go good good bad foot');
    assert.equal(snowballText('bigger largest earlier easiest higher', 'en'), 'big large early easy high');
    assert.equal(snowballText('teacher worker', 'en'), 'teacher worker', 'not every -er is a comparative');
  });

  test('Russian suppletive forms and a few stem-changing verbs; ё is е', () => {
    assert.equal(snowballText('Люди, детей, могут, шли', 'ru'), 'человек, ребенок, мочь, идти');
    assert.equal(snowballText('Её ёлка', 'ru'), 'ее елка');
  });

  test('a compound with a one-letter part is one word: Kazakh "жи" must not meet Russian "г-жи"', () => {
    assert.equal(snowballText('г-жи Ивановой', 'ru'), 'гжи ивановой');
    assert.equal(snowballText('e-mail and follow-up', 'en'), 'email and follow-up');
  });
});
