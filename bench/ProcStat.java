import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time of processes and threads from Linux's /proc, in clock ticks (utime + stime), for the benchmark's
 * two programs (LoadGenerator, EngineBaseline). scripts/benchmark.sh compiles it onto both programs' class
 * path: the Java 17 source launcher runs one file, so shared code has to come compiled (and public: the
 * launched file lives in a class loader of its own).
 */
public final class ProcStat {
    private ProcStat() {
    }

    /** CPU ticks of a process (all its threads). 0 when it is gone. */
    public static long cpuTicks(long pid) {
        return ticks(Path.of("/proc/" + pid + "/stat"));
    }

    /**
     * CPU ticks of a JVM's JIT compiler threads (C1/C2 CompilerThread): a fresh JVM's cost, which minutes
     * into a run still took 6-53 % of a core (docs/benchmarks.md, tuning steps 7 and 8). Compiler threads
     * come and go; the ticks of one that ended are lost.
     */
    public static long jitTicks(long pid) {
        long ticks = 0;
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String comm = read(task.resolve("comm")).strip();
                if (comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre")) {
                    ticks += ticks(task.resolve("stat"));
                }
            }
        } catch (IOException gone) {
            return ticks;
        }
        return ticks;
    }

    /**
     * The whole machine's CPU ticks from /proc/stat, all cores: {busy, total}. Busy is everything but idle
     * and iowait, so it includes the load generator, the kernel's share of the loopback traffic and any
     * other process, which the per-process figures leave out.
     */
    public static long[] boxTicks() {
        String[] f = read(Path.of("/proc/stat")).lines().findFirst().orElse("cpu").trim().split("\\s+");
        long total = 0, idle = 0;
        for (int i = 1; i < f.length && i <= 8; i++) { // user nice system idle iowait irq softirq steal
            long v = Long.parseLong(f[i]);
            total += v;
            if (i == 4 || i == 5) idle += v;
        }
        return new long[] {total - idle, total};
    }

    /** CPU ticks of each PostgreSQL backend connected to {@code database}, by pid (backends come and go). */
    public static Map<Long, Long> postgresTicks(String database) {
        Map<Long, Long> ticks = new HashMap<>();
        try (var dirs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) dirs::iterator) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) continue;
                // only this database's backends: other databases on the same server are not the benchmark's
                if (read(p.resolve("stat")).contains("(postgres)") && read(p.resolve("cmdline")).contains(" " + database + " ")) {
                    ticks.put(Long.parseLong(name), ticks(p.resolve("stat")));
                }
            }
        } catch (IOException e) {
            return ticks;
        }
        return ticks;
    }

    private static long ticks(Path stat) {
        try {
            String s = Files.readString(stat);
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime + stime
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException | RuntimeException gone) {
            return "";
        }
    }
}
