/**
 * The DAS inside the server: one knowledge base built from configuration, and its functions
 * registered as endpoints of the kernel's PDEs so that the DAS processes run through them.
 */
package procos.das.runtime;
