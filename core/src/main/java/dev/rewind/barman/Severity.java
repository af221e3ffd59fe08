package dev.rewind.barman;

/** How bad a {@link BarmanFinding} is. ERROR means a restore may fail or the archive is not protecting data. */
public enum Severity {
    INFO, WARNING, ERROR
}
