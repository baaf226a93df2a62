// The queue's pure rules: name masking, call order with 过号 re-joining, people ahead, the settings.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { maskName, patientName } from './mask.js';
import { callOrder, callsUntilRejoin, hasRejoined, peopleAhead } from './order.js';
import { DEFAULT_RULES, loadQueueRules } from './rules.js';
import type { QueueStatus } from './ticket.js';

describe('masked names', () => {
  test('Chinese names keep the first and last character; two characters keep the first', () => {
    assert.equal(maskName('张三丰'), '张*丰');
    assert.equal(maskName('张三'), '张*');
    assert.equal(maskName('张'), '张*');
    assert.equal(maskName('欧阳娜娜'), '欧**娜');
    assert.equal(maskName('司马相如君'), '司***君');
    assert.equal(maskName(' 王小明 '), '王*明');
    // separators of transcribed names are dropped before masking; a character outside the BMP is one character
    assert.equal(maskName('阿依古丽·买买提'), '阿*****提');
    assert.equal(maskName('𠀾小明'), '𠀾*明');
  });

  test('Latin names: the first letter and ***; nothing → ***', () => {
    assert.equal(maskName('John Smith'), 'J***');
    assert.equal(maskName('anna'), 'A***');
    assert.equal(maskName('Li Wei'), 'L***');
    assert.equal(maskName('Zhang San 张三'), 'Z***');
    assert.equal(maskName(''), '***');
    assert.equal(maskName(undefined), '***');
    assert.equal(maskName('   '), '***');
  });

  test('the name a Patient goes by: official text, else family + given in the right order', () => {
    assert.equal(patientName({ resourceType: 'Patient', name: [{ use: 'usual', text: '小明' }, { use: 'official', text: '王小明' }] }), '王小明');
    assert.equal(patientName({ resourceType: 'Patient', name: [{ family: '王', given: ['小明'] }] }), '王小明');
    assert.equal(patientName({ resourceType: 'Patient', name: [{ family: 'Smith', given: ['John'] }] }), 'John Smith');
    assert.equal(patientName({ resourceType: 'Patient' }), undefined);
    assert.equal(maskName(patientName({ resourceType: 'Patient', name: [{ family: 'Smith', given: ['John'] }] })), 'J***');
  });
});

const t = (id: string, number: number, status: QueueStatus, skippedSeq?: number) => ({ id, number, status, ...(skippedSeq !== undefined ? { skippedSeq } : {}) });

describe('call order', () => {
  test('waiting tickets in number order; called, done and skipped ones are not in line', () => {
    const line = [t('c', 3, 'waiting'), t('a', 1, 'done'), t('b', 2, 'called'), t('e', 5, 'waiting'), t('d', 4, 'skipped', 2)];
    assert.deepEqual(callOrder(line, 2, 2).map((x) => x.id), ['c', 'e']);
    assert.equal(peopleAhead(line, 'c', 2, 2), 0);
    assert.equal(peopleAhead(line, 'e', 2, 2), 1);
    assert.equal(peopleAhead(line, 'b', 2, 2), 0, 'being called: nobody ahead');
    assert.equal(peopleAhead(line, 'a', 2, 2), undefined, 'done: not in line');
    assert.equal(peopleAhead(line, 'd', 2, 2), undefined, 'skipped: not in line yet');
    assert.equal(peopleAhead(line, 'zz', 2, 2), undefined);
  });

  test('a skipped ticket re-joins after exactly `rejoinAfter` further calls, then goes first by its number', () => {
    const skipped = t('d', 4, 'skipped', 5);
    assert.equal(hasRejoined(skipped, 6, 2), false);
    assert.equal(callsUntilRejoin(skipped, 6, 2), 1);
    assert.equal(hasRejoined(skipped, 7, 2), true);
    assert.equal(callsUntilRejoin(skipped, 7, 2), 0);
    assert.equal(hasRejoined(skipped, 5, 0), true, 'rejoinAfter 0: back in line at once');
    const line = [t('e', 5, 'waiting'), skipped, t('f', 6, 'waiting')];
    assert.deepEqual(callOrder(line, 6, 2).map((x) => x.id), ['e', 'f']);
    assert.deepEqual(callOrder(line, 7, 2).map((x) => x.id), ['d', 'e', 'f']);
    assert.equal(hasRejoined(t('w', 1, 'waiting'), 99, 2), false, 'only skipped tickets re-join');
  });
});

describe('queue settings', () => {
  test('defaults, overrides and refusals', () => {
    assert.deepEqual(loadQueueRules({}), DEFAULT_RULES);
    assert.equal(loadQueueRules({ HUIYI_QUEUE_REJOIN_AFTER_CALLS: '3' }).rejoinAfterCalls, 3);
    assert.equal(loadQueueRules({ HUIYI_QUEUE_CHECKIN_OPENS_MINUTES: '30' }).checkInOpensMinutes, 30);
    assert.equal(loadQueueRules({ HUIYI_QUEUE_REJOIN_AFTER_CALLS: '0' }).rejoinAfterCalls, 0);
    for (const v of ['-1', 'two', '21', '1.5']) assert.throws(() => loadQueueRules({ HUIYI_QUEUE_REJOIN_AFTER_CALLS: v }), /HUIYI_QUEUE_REJOIN_AFTER_CALLS/);
    assert.throws(() => loadQueueRules({ HUIYI_QUEUE_CHECKIN_OPENS_MINUTES: '241' }), /between 0 and 240/);
  });
});
