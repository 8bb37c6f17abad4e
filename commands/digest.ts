// /digest lives with the rest of the digest command in src/discord/digest/; the loader finds it here.
export { default } from '../src/discord/digest/command.js';
