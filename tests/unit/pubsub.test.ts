/** The in-process publish/subscribe (src/lib/server/pubsub-memory.ts). */
import { describe, expect, it } from 'vitest';
import { MemoryPubSub } from '../../src/lib/server/pubsub-memory';
import { workshopTopic, type WorkshopEvent } from '../../src/lib/server/pubsub';

const event = (version: number): WorkshopEvent => ({ workshopId: 'w1', version });

describe('MemoryPubSub', () => {
	it('delivers to every subscriber of the topic, in publishing order', () => {
		const bus = new MemoryPubSub();
		const a: number[] = [];
		const b: number[] = [];
		bus.subscribe('t', (e) => a.push(e.version));
		bus.subscribe('t', (e) => b.push(e.version));
		for (const v of [1, 2, 3]) bus.publish('t', event(v));
		expect(a).toEqual([1, 2, 3]);
		expect(b).toEqual([1, 2, 3]);
	});

	it('keeps topics apart', () => {
		const bus = new MemoryPubSub();
		const got: string[] = [];
		bus.subscribe(workshopTopic('w1'), () => got.push('w1'));
		bus.subscribe(workshopTopic('w2'), () => got.push('w2'));
		bus.publish(workshopTopic('w2'), event(1));
		bus.publish('nobody-listens', event(2));
		expect(got).toEqual(['w2']);
	});

	it('unsubscribing stops delivery and leaves nothing behind', () => {
		const bus = new MemoryPubSub();
		const got: number[] = [];
		const off = bus.subscribe('t', (e) => got.push(e.version));
		const offOther = bus.subscribe('t', () => {});
		bus.publish('t', event(1));
		off();
		off(); // twice is harmless
		bus.publish('t', event(2));
		expect(got).toEqual([1]);
		expect(bus.subscriberCount('t')).toBe(1);
		offOther();
		expect(bus.subscriberCount()).toBe(0);
	});

	it('the same function subscribed twice is two subscriptions, each ended on its own', () => {
		const bus = new MemoryPubSub();
		let n = 0;
		const listener = () => n++;
		const off1 = bus.subscribe('t', listener);
		bus.subscribe('t', listener);
		bus.publish('t', event(1));
		off1();
		bus.publish('t', event(2));
		expect(n).toBe(3);
	});

	it('a failing listener does not stop the others, and is reported', () => {
		const errors: unknown[] = [];
		const bus = new MemoryPubSub((error) => errors.push(error));
		const got: string[] = [];
		bus.subscribe('t', () => got.push('before'));
		bus.subscribe('t', () => {
			throw new Error('boom');
		});
		bus.subscribe('t', () => got.push('after'));
		expect(() => bus.publish('t', event(1))).not.toThrow();
		expect(got).toEqual(['before', 'after']);
		expect(errors).toHaveLength(1);
	});

	it('a listener unsubscribing during delivery does not disturb this delivery', () => {
		const bus = new MemoryPubSub();
		const got: string[] = [];
		const off = bus.subscribe('t', () => {
			got.push('a');
			off();
		});
		bus.subscribe('t', () => got.push('b'));
		bus.publish('t', event(1));
		bus.publish('t', event(2));
		expect(got).toEqual(['a', 'b', 'b']);
	});
});
