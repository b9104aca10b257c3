package io.tocsin.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Watches the stack's logs ($TOCSIN_HOME/logs/*.log) from a moment on, for lines that mean trouble. */
final class LogWatch {

    private final Path logs;
    private final Map<Path, Long> startSizes = new LinkedHashMap<>();

    LogWatch(Path logs) throws IOException {
        this.logs = logs;
        for (Path log : list()) {
            startSizes.put(log, Files.size(log));
        }
    }

    /** Per log file: lines written since this watch began that contain {@code text}; files without any are left out. */
    Map<String, Integer> linesContaining(String text) throws IOException {
        Map<String, Integer> found = new LinkedHashMap<>();
        for (Path log : list()) {
            long from = startSizes.getOrDefault(log, 0L);
            long size = Files.size(log);
            if (size < from) {
                from = 0; // rotated or truncated
            }
            int count = 0;
            try (InputStream in = Files.newInputStream(log)) {
                in.skipNBytes(from);
                BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.contains(text)) {
                        count++;
                    }
                }
            }
            if (count > 0) {
                found.put(log.getFileName().toString(), count);
            }
        }
        return found;
    }

    private List<Path> list() throws IOException {
        if (!Files.isDirectory(logs)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(logs)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".log")).sorted().toList();
        }
    }
}
