/** The word matching moved to flowspec, where credentials are recognised; the rules keep reading it from here. */
export * from '../flowspec/name-words.js';
