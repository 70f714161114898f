/**
 * What a drafter is given beside the intent: fitting process patterns from the built-in library,
 * deployed processes with a similar intent, and knowledge-base passages, bounded in size.
 */
package procos.das.generation.context;
