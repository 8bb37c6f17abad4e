import { afterEach, describe, expect, it } from 'vitest';
import { reply, type FakeRequest } from '../fakes/fake-openai.js';
import { embedsOf, SEEDS, useHeraldInProcess } from '../support/herald-in-process.js';

/** The paragraphs a translation request sends, between the article tags. */
function sentParagraphs(request: FakeRequest): string[] {
  const user = request.messages.find((m) => m.role === 'user')?.content ?? '';
  return (/<article>\n([\s\S]*?)\n<\/article>/.exec(user)?.[1] ?? '').split('\n\n').filter(Boolean);
}

describe('Herald on a local Discord, when the model is cut off by its token limit', () => {
  const herald = useHeraldInProcess();

  afterEach(() => {
    herald.openai.setDefault('This is a fake completion.');
  });

  it('GIVEN /summarize whose answer is cut twice THEN the user sees the offline summary with a notice AND the same request again asks the model again', async () => {
    herald.openai.setDefault(reply.cut('Record solar growth in Europe was driven by'));
    const first = herald.discord.sendCommand('summarize', { article: 'solar-boom', length: 'short' });
    expect((await herald.done(first.id)).outcome).toBe('ok');
    const [message] = herald.messagesOf(first.id);
    expect(message?.message.content).toMatch(/^ℹ️ .*cut off/);
    const [embed] = embedsOf([message!]);
    expect(embed?.description).not.toContain('driven by');
    expect(embed?.footer?.text).toBe('solar-boom · English · offline/extractive · fresh');
    expect(herald.openai.callCount).toBe(2);

    herald.openai.setDefault('Europe installed record solar capacity last year.');
    const second = herald.discord.sendCommand('summarize', { article: 'solar-boom', length: 'short' });
    await herald.done(second.id);
    const [again] = embedsOf(herald.messagesOf(second.id));
    expect(again?.description).toBe('Europe installed record solar capacity last year.');
    expect(again?.footer?.text).toBe('solar-boom · English · openai/fake-model · fresh');
    expect(herald.openai.callCount).toBe(3);
  });

  it('GIVEN /translate from a German user with a paragraph that stays cut THEN they are told in German it is incomplete AND the cut text is not served from the cache', async () => {
    const stubborn = SEEDS['solar-boom']?.paragraphs[1] ?? '';
    herald.openai.setDefault((request: FakeRequest) => {
      const sent = sentParagraphs(request);
      const answer = sent.map((paragraph) => `[de] ${paragraph}`).join('\n\n');
      return sent.some((paragraph) => stubborn.includes(paragraph)) ? reply.cut(answer.slice(0, 40)) : answer;
    });
    const first = herald.discord.sendCommand('translate', { article: 'solar-boom', language: 'de' }, { locale: 'de' });
    expect((await herald.done(first.id)).outcome).toBe('ok');
    const [message] = herald.messagesOf(first.id);
    expect(message?.message.content).toBe('ℹ️ Diese Übersetzung ist unvollständig: Die Antwort des Sprachmodells wurde bei „…“ abgeschnitten.');
    expect(embedsOf(herald.messagesOf(first.id)).map((e) => e.description ?? '').join('\n\n')).toContain('…');

    herald.openai.reset();
    herald.openai.setDefault((request: FakeRequest) => sentParagraphs(request).map((paragraph) => `[de] ${paragraph}`).join('\n\n'));
    const second = herald.discord.sendCommand('translate', { article: 'solar-boom', language: 'de' }, { locale: 'de' });
    await herald.done(second.id);
    const [complete] = herald.messagesOf(second.id);
    expect(complete?.message.content ?? '').toBe('');
    const embeds = embedsOf(herald.messagesOf(second.id));
    expect(embeds.map((e) => e.description ?? '').join('\n\n')).toContain(`[de] ${stubborn}`);
    expect(embeds.at(-1)?.footer?.text).toContain('neu erstellt');
    expect(herald.openai.callCount).toBe(1);
  });
});
