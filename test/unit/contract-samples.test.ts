import { describe, expect, it } from 'vitest';
import { CHANNELS, EVENTS } from '../../src-preload/channels';
import { contract, type Channel } from '../../src-preload/contract';
import { handlers } from '../../src-main/ipc/handlers';

const channels = Object.keys(contract) as Channel[];

describe('the contract', () => {
  it('declares exactly the channels the preload lets through, and the handlers serve', () => {
    expect([...channels].sort()).toEqual([...CHANNELS].sort());
    expect(Object.keys(handlers).sort()).toEqual([...CHANNELS].sort());
    expect(new Set(EVENTS).size).toBe(EVENTS.length);
  });

  it.each(channels)('%s carries a sample payload that its schema accepts', (channel) => {
    const { input, sample } = contract[channel];
    expect(sample).toBeTypeOf('object');
    const parsed = input.safeParse(sample);
    expect(parsed.error?.issues ?? []).toEqual([]);
    expect(parsed.success).toBe(true);
  });

  it('every channel refuses a field it does not know', () => {
    for (const channel of channels) {
      const withExtra = { ...(contract[channel].sample as object), notAField: 1 };
      expect(contract[channel].input.safeParse(withExtra).success, channel).toBe(false);
    }
  });
});
