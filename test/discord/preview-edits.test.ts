import { describe, expect, it } from 'vitest';
import { reply } from '../fakes/fake-openai.js';
import { useHeraldInProcess } from '../support/herald-in-process.js';

/** Discord's limit on edits of one message: about 5 in any 5 seconds. */
const EDITS_PER_WINDOW = 5;
const WINDOW_MS = 5_000;
const DELTAS = 200;

const descriptionOf = (body: unknown) => (body as { embeds?: { description?: string }[] }).embeds?.[0]?.description ?? '';

describe('streamed previews under a fast-streaming model', () => {
  const herald = useHeraldInProcess();

  it('GIVEN a model that streams 200 small deltas THEN the reply is edited a handful of times within Discord\'s edit limit, each preview a prefix of the answer, the last edit the whole answer', async () => {
    const words = Array.from({ length: DELTAS }, (_, i) => `w${i}`);
    const text = `${words.join(' ')}.`;
    herald.openai.script(reply.text(text, { chunkDelayMs: 10 }));
    const interaction = herald.discord.sendCommand('summarize', { article: 'solar-boom', length: 'long', language: 'it' });
    await herald.done(interaction.id, 30_000);

    const record = herald.discord.interaction(interaction.id);
    const edits = record.original?.edits ?? [];
    // One edit per delta would be 200 requests for one message; previews are coalesced instead.
    expect(edits.length).toBeGreaterThanOrEqual(1);
    expect(edits.length).toBeLessThan(DELTAS / 10);
    // At most EDITS_PER_WINDOW edits in any window (less a second for arrival jitter on a busy machine).
    for (let i = EDITS_PER_WINDOW; i < edits.length; i += 1) {
      expect(edits[i]!.at - edits[i - EDITS_PER_WINDOW]!.at).toBeGreaterThanOrEqual(WINDOW_MS - 1_000);
    }
    const shown = edits.map((edit) => descriptionOf(edit.body));
    for (const preview of shown.slice(0, -1)) expect(text.startsWith(preview.replace(/ ▍$/, '').replace(/…$/, ''))).toBe(true);
    expect(shown.at(-1)).toBe(text);
  });

  it('GIVEN a streamed summary THEN every preview names its article in the footer, so a reply to it mid-stream is about that article', async () => {
    const words = Array.from({ length: 60 }, (_, i) => `w${i}`);
    herald.openai.script(reply.text(`${words.join(' ')}.`, { chunkDelayMs: 40 }));
    const interaction = herald.discord.sendCommand('summarize', { article: 'solar-boom', length: 'long', language: 'fr' });
    await herald.done(interaction.id, 30_000);
    const edits = herald.discord.interaction(interaction.id).original?.edits ?? [];
    const previews = edits.slice(0, -1);
    expect(previews.length).toBeGreaterThan(0);
    for (const edit of previews) {
      const embeds = (edit.body as { embeds?: { footer?: { text?: string } }[] }).embeds ?? [];
      expect(descriptionOf(edit.body)).toMatch(/ ▍$/u);
      expect(embeds.at(-1)?.footer?.text).toBe('solar-boom');
    }
  });
});
