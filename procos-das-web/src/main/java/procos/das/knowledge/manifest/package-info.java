/**
 * What has been indexed: one JSON line per source (content hash, chunk count, status), rewritten
 * atomically, so a re-index touches only sources whose content changed.
 */
package procos.das.knowledge.manifest;
