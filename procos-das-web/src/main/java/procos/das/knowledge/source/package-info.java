/**
 * Where knowledge comes from: files and fetched documents, their content type (extension and
 * magic bytes), their text (PDF via PDFBox, HTML via jsoup, text with charset detection) and the
 * per-source errors that refuse one source without stopping an ingestion.
 */
package procos.das.knowledge.source;
