// /feed lives with the rest of the feed command in src/discord/feed/; the loader finds it here.
export { default } from '../src/discord/feed/command.js';
