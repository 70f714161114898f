/**
 * Answers questions from the knowledge base, with the sources each answer rests on: retrieve the
 * best chunks, then synthesize — grounded by a language model when one is configured, extractive
 * otherwise — or say plainly that the knowledge base does not hold the answer.
 */
package procos.das.rag;
