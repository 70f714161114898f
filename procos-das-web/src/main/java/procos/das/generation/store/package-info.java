/**
 * Where a generation request lives while {@code process_generation} works on it: the intent, each
 * drafting attempt with its findings, the validated XML, the decision and the deployment. Process
 * variables stay small (a Camunda string variable holds 4,000 characters); the steps read and write
 * the record by its id.
 */
package procos.das.generation.store;
