import { describe, expect, it } from 'vitest';
import type { Digest } from '../../../src/digests/compose.js';
import { digestEmbeds } from '../../../src/discord/digest/messages.js';
import { markdownLeaks } from '../markdown-leaks.js';

function aStoryDigest(sources: { site: string; url?: string }[], language = 'en'): Digest {
  return {
    key: 'k',
    language,
    length: 'short',
    items: [{ articleId: 'a1', headline: 'Bridge **closed**', summary: ['The bridge closed. — Daily Post'], language: 'en', storyId: 's1', sources, update: true }],
    more: 0,
    model: 'offline/extractive',
    notices: [],
    date: 'Thursday, 15 January 2026',
    timezone: 'UTC',
  };
}

describe('story items on Discord', () => {
  it('GIVEN hostile site names and addresses THEN only Herald’s own source links are markup, and a non-web address is not linked', () => {
    const embeds = digestEmbeds(
      aStoryDigest([
        { site: '**Evil** [x](https://evil.example) @everyone', url: 'https://ok.example/a)b(c' },
        { site: 'Plain', url: 'javascript:alert(1)' },
      ]),
    );
    const description = embeds[1]?.description ?? '';
    expect(embeds[1]?.title).toBe('Update: Bridge \\*\\*closed\\*\\*');
    // Exactly one masked link: Herald's own to the first source, its parentheses encoded.
    expect(description.match(/\]\(https:\/\/ok\.example\/a%29b%28c\)/g)).toHaveLength(1);
    const withoutOwnLink = description.replace(/\[[^\]]*\]\(https:\/\/ok\.example\/a%29b%28c\)/, 'LINK');
    expect(markdownLeaks(withoutOwnLink)).toEqual([]);
    expect(description).toContain('· Plain');
    expect(description).not.toContain('javascript:');
    expect((embeds[1] as { url?: string }).url).toBeUndefined();
  });

  it('GIVEN site names with brackets next to markup THEN the names show as plain text, with or without a link', () => {
    const embeds = digestEmbeds(aStoryDigest([{ site: 'Daily [*Star[*' }, { site: 'Morning [_Post[_', url: 'https://post.example/a' }, { site: 'Ends[', url: 'https://ends.example/b' }]));
    const description = embeds[1]?.description ?? '';
    const sourcesLine = description.split('\n').at(-1) ?? '';
    const links = [...sourcesLine.matchAll(/\[((?:\\.|[^\\\]])*)\]\((https:\/\/[a-z.]+\/[a-z])\)/g)];
    expect(links.map((link) => link[2])).toEqual(['https://post.example/a', 'https://ends.example/b']);
    expect(markdownLeaks(links.reduce((text, link) => text.replace(link[0], link[1] ?? ''), sourcesLine))).toEqual([]);
  });
});
