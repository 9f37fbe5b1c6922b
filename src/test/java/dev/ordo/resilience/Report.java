package dev.ordo.resilience;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/** The numbers a resilience test observed: printed and appended to target/resilience/results.txt. */
final class Report {
    private Report() {}

    static void line(String test, String text) {
        String line = Instant.now() + " " + test + ": " + text;
        System.out.println(line);
        try {
            Path file = Path.of(System.getProperty("basedir", ".")).resolve("target/resilience/results.txt");
            Files.createDirectories(file.getParent());
            Files.writeString(file, line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.out.println("could not write the report: " + e);
        }
    }

    static long seconds(long startNanos) {
        return Math.round((System.nanoTime() - startNanos) / 1e9);
    }
}
