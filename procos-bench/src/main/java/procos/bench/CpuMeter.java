package procos.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU used over an interval, from Linux's /proc: the whole machine (busy share of all cores) and
 * named processes (in cores, so 1.0 is one core fully busy). Off Linux every reading is empty.
 */
final class CpuMeter {

    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

    private final Map<String, Long> pids;
    private final long startNanos;
    private final long[] machineStart;
    private final Map<String, Long> processStart = new LinkedHashMap<>();

    CpuMeter(Map<String, Long> pids) {
        this.pids = pids;
        this.startNanos = System.nanoTime();
        this.machineStart = machineTicks();
        pids.forEach((name, pid) -> processStart.put(name, processTicks(pid)));
    }

    /** Samples the machine for {@code millis}: how busy it is before the bench adds load. */
    static Reading sample(Map<String, Long> pids, long millis) throws InterruptedException {
        CpuMeter meter = new CpuMeter(pids);
        Thread.sleep(millis);
        return meter.read();
    }

    /** Machine busy share (0..1) and per-process cores since construction. */
    Reading read() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        long[] machineNow = machineTicks();
        double machineBusy = -1;
        if (machineStart != null && machineNow != null) {
            long total = machineNow[0] - machineStart[0];
            long idle = machineNow[1] - machineStart[1];
            machineBusy = total > 0 ? (double) (total - idle) / total : -1;
        }
        Map<String, Double> cores = new LinkedHashMap<>();
        pids.forEach((name, pid) -> {
            long before = processStart.getOrDefault(name, -1L);
            long now = processTicks(pid);
            if (before >= 0 && now >= 0 && seconds > 0) {
                cores.put(name, (now - before) / TICKS_PER_SECOND / seconds);
            }
        });
        return new Reading(machineBusy, cores);
    }

    record Reading(double machineBusy, Map<String, Double> processCores) {

        /** Cores busy with processes other than the named ones (other users of the machine), or -1. */
        double otherCores() {
            if (machineBusy < 0) {
                return -1;
            }
            double ours = processCores.values().stream().mapToDouble(Double::doubleValue).sum();
            return Math.max(0, machineBusy * Runtime.getRuntime().availableProcessors() - ours);
        }

        String describe() {
            java.util.List<String> parts = new java.util.ArrayList<>();
            processCores.forEach((name, cores) -> parts.add(String.format(java.util.Locale.ROOT, "%s %.2f", name, cores)));
            if (machineBusy < 0) {
                return parts.isEmpty() ? "" : "cores: " + String.join(", ", parts);
            }
            parts.add(String.format(java.util.Locale.ROOT, "others %.2f", otherCores()));
            return String.format(java.util.Locale.ROOT, "machine %.0f%% busy; cores: ", machineBusy * 100) + String.join(", ", parts);
        }
    }

    /** {total, idle+iowait} jiffies of all CPUs. */
    private static long[] machineTicks() {
        try {
            String first = Files.readAllLines(Path.of("/proc/stat")).get(0);
            String[] fields = first.trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < fields.length && i <= 8; i++) {
                total += Long.parseLong(fields[i]);
            }
            long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
            return new long[] {total, idle};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** utime + stime of a process, in clock ticks; -1 when unknown. */
    private static long processTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields[0] is field 3 (state); utime is field 14, stime field 15
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
