package io.tocsin.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * CPU time of a process from {@code /proc/<pid>/stat}: utime + stime (all its threads), in clock ticks, with the
 * process's start time so a reused pid is not mistaken for the same process.
 */
final class ProcCpu {

    /** One reading of one process. */
    record Sample(long pid, long startTicks, long cpuTicks) {
    }

    private static volatile long ticksPerSecond;

    private ProcCpu() {
    }

    /** Reads a process, or null when it is gone (or not readable). */
    static Sample read(long pid) {
        try {
            return parse(pid, Files.readString(Path.of("/proc", String.valueOf(pid), "stat")));
        } catch (NoSuchFileException gone) {
            return null;
        } catch (IOException unreadable) {
            return null;
        }
    }

    /** This JVM's own CPU time in nanoseconds. */
    static long selfNanos() {
        try {
            Sample self = parse(ProcessHandle.current().pid(), Files.readString(Path.of("/proc/self/stat")));
            return ticksToNanos(self.cpuTicks());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read /proc/self/stat", e);
        }
    }

    /**
     * Parses a stat line. The command name (field 2) is in parentheses and may itself hold spaces and parentheses,
     * so fields are counted from the last ')': utime is field 14, stime 15, starttime 22.
     */
    static Sample parse(long pid, String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        // fields[0] is field 3 (state)
        long utime = Long.parseLong(fields[14 - 3]);
        long stime = Long.parseLong(fields[15 - 3]);
        long start = Long.parseLong(fields[22 - 3]);
        return new Sample(pid, start, utime + stime);
    }

    static long ticksToNanos(long ticks) {
        return ticks * 1_000_000_000L / ticksPerSecond();
    }

    /** USER_HZ: 100 on every Linux we know, but asked of getconf once. */
    static long ticksPerSecond() {
        if (ticksPerSecond == 0) {
            long hz = 100;
            try {
                Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
                String out = new String(getconf.getInputStream().readAllBytes()).trim();
                if (getconf.waitFor(5, TimeUnit.SECONDS) && getconf.exitValue() == 0 && out.matches("\\d+")) {
                    hz = Long.parseLong(out);
                }
            } catch (IOException | InterruptedException e) {
                // keep 100
            }
            ticksPerSecond = hz;
        }
        return ticksPerSecond;
    }

    /** Seconds since boot, in clock ticks: the unit of a process's start time. */
    static long uptimeTicks() {
        try {
            String uptime = Files.readString(Path.of("/proc/uptime")).trim().split("\\s+")[0];
            return (long) (Double.parseDouble(uptime) * ticksPerSecond());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read /proc/uptime", e);
        }
    }
}
