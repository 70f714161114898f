/**
 * The language-model drafter: it asks a model for a process description as JSON (never BPMN),
 * treats the reply as hostile data, and accepts it only when it reads as a valid description.
 */
package procos.das.generation.drafting.llm;
