package dev.p2pshare.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Progress of long work (hashing a file, a download): a progress bar on a terminal, a plain line every
 * few seconds when the output is a file or a pipe, nothing with --json.
 */
abstract class Progress implements AutoCloseable {

    static Progress create(P2pCommand p2p, Output output, String task) {
        if (output.jsonMode()) return new Silent();
        return p2p.terminal() ? new Bar(task) : new Lines(output, task);
    }

    /**
     * {@code bytesPerSecond} 0, {@code etaSeconds} null when unknown; {@code state} what the work is doing or
     * why it waits ("downloading from 2 peers", "waiting: tracker unreachable, retrying"), null for none.
     */
    abstract void update(long done, long total, double bytesPerSecond, Long etaSeconds, String state);

    @Override
    public abstract void close();

    static String percent(long done, long total) {
        return (total <= 0 ? 100 : Math.min(100, 100 * done / total)) + "%";
    }

    private static final class Silent extends Progress {
        @Override
        void update(long done, long total, double bytesPerSecond, Long etaSeconds, String state) {
        }

        @Override
        public void close() {
        }
    }

    /** me.tongfei:progressbar on stderr: percent, MiB done, speed, ETA and the state. */
    private static final class Bar extends Progress {
        private final String task;
        private ProgressBar bar;

        Bar(String task) {
            this.task = task;
        }

        @Override
        synchronized void update(long done, long total, double bytesPerSecond, Long etaSeconds, String state) {
            if (bar == null) {
                bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setUnit("MiB", 1024 * 1024)
                        .showSpeed().setUpdateIntervalMillis(250).startsFrom(done, Duration.ZERO).build();
            }
            bar.maxHint(total);
            bar.stepTo(done);
            if (state != null) bar.setExtraMessage(" " + state);
        }

        @Override
        public synchronized void close() {
            if (bar != null) bar.close();
            bar = null;
        }
    }

    /** A line at the start, then at most every few seconds when the percentage or the state changed, and at the end. */
    private static final class Lines extends Progress {
        private static final long INTERVAL_NANOS = Duration.ofSeconds(2).toNanos();
        private final Output output;
        private final String task;
        private long lastPrinted;
        private String lastPercent;
        private String lastState;
        private String pending;

        Lines(Output output, String task) {
            this.output = output;
            this.task = task;
        }

        @Override
        synchronized void update(long done, long total, double bytesPerSecond, Long etaSeconds, String state) {
            String percent = percent(done, total);
            StringBuilder line = new StringBuilder(task).append(": ").append(percent)
                    .append(" (").append(ByteSize.of(done)).append(" of ").append(ByteSize.of(total));
            if (bytesPerSecond > 0) line.append(", ").append(ByteSize.rate(bytesPerSecond));
            if (etaSeconds != null) line.append(", ETA ").append(eta(etaSeconds));
            if (state != null) line.append(", ").append(state);
            line.append(')');
            pending = line.toString();
            long now = System.nanoTime();
            boolean changed = !percent.equals(lastPercent) || !Objects.equals(state, lastState);
            if (lastPercent == null || (changed && now - lastPrinted >= INTERVAL_NANOS)) {
                print(now, percent, state);
            }
        }

        @Override
        public synchronized void close() {
            if (pending != null) print(System.nanoTime(), null, null);
        }

        private void print(long now, String percent, String state) {
            output.note(pending);
            pending = null;
            lastPrinted = now;
            lastPercent = percent;
            lastState = state;
        }

        static String eta(long seconds) {
            if (seconds < 60) return seconds + " s";
            if (seconds < 3600) return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
            return String.format(Locale.ROOT, "%d h %02d min", seconds / 3600, seconds % 3600 / 60);
        }
    }
}
