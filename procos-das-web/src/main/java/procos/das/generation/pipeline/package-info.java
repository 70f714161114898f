/**
 * The steps of {@code process_generation}: normalize, assemble context, draft, validate, check the
 * policy, deploy or record a rejection. Each step is one PDE task; it reads the request's record,
 * does its work, writes the record back and returns the small outputs the process branches on.
 * A step that is run again (a retry after a crash) redoes its work from the record.
 */
package procos.das.generation.pipeline;
