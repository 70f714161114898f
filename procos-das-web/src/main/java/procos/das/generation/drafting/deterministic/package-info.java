/**
 * The deterministic drafter: writes a process description from plain English without a language
 * model, with OpenNLP's sentences, tokens, parts of speech and lemmas and a few lexicons of cue
 * phrases and verbs. Used when no model is configured; the same text always gives the same draft.
 */
package procos.das.generation.drafting.deterministic;
