/**
 * What a person asked for, made ready for drafting: noise trimmed, length checked, language and
 * business domain detected; and the OpenNLP English analysis the drafters share.
 */
package procos.das.generation.intent;
