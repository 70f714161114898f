/**
 * The structured process description every drafter writes and ProcOS compiles to BPMN: a
 * block-structured tree (sequence, exclusive choice, parallel, loop, waits), so that what compiles
 * from it is sound by construction. A language model writes it as JSON and is never trusted to
 * write BPMN XML; the deterministic drafter builds it from plain English.
 */
package procos.das.generation.description;
