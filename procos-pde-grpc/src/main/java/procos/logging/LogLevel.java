package procos.logging;

/**
 * Severity of an event. Deliberately only four levels: more would blur what operators alert on
 * (WARN and ERROR, which also reach the application server's own log).
 */
public enum LogLevel {
    DEBUG,
    INFO,
    WARN,
    ERROR
}
