package dev.p2pshare.agent.chunk;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A folder's files kept open between the chunks that touch them, a few at a time: a chunk spans many small
 * files, and the chunks around it (fetched about in order) the files at its edges. Past {@code capacity} the
 * least recently used is closed; a channel a thread still uses is closed when it lets go of it. Files are
 * opened one at a time (under the lock) through {@code files}, which is closed with this.
 */
final class OpenFiles implements Closeable {
    private final ChunkStore.Opener files;
    private final int capacity;
    /** By file index times two, plus one for writing; in access order. */
    private final LinkedHashMap<Integer, Use> open = new LinkedHashMap<>(16, 0.75f, true);
    private boolean closed;

    /** A file's channel while a thread uses it: closing it lets go. */
    final class Use implements Closeable {
        private final FileChannel channel;
        private int users;
        private boolean dropped;

        private Use(FileChannel channel) {
            this.channel = channel;
        }

        FileChannel channel() {
            return channel;
        }

        @Override
        public void close() throws IOException {
            synchronized (OpenFiles.this) {
                users--;
                if (!dropped || users > 0) return;
            }
            channel.close();
        }
    }

    OpenFiles(ChunkStore.Opener files, int capacity) {
        this.files = files;
        this.capacity = capacity;
    }

    /**
     * File {@code file} for reading or writing, opened through the folder's files when it is not open; null when
     * they say it takes no more bytes. Opening happens under the lock, so that {@link #drop} right after a file
     * is moved away leaves no channel to it behind.
     */
    Use use(int file, boolean write) throws IOException {
        Use use;
        List<Use> unused = new ArrayList<>(1);
        synchronized (this) {
            if (closed) throw new ClosedChannelException();
            int key = 2 * file + (write ? 1 : 0);
            use = open.get(key);
            if (use == null) {
                FileChannel channel = files.open(file, write);
                if (channel == null) return null;
                use = new Use(channel);
                open.put(key, use);
                Iterator<Map.Entry<Integer, Use>> eldest = open.entrySet().iterator();
                while (open.size() > capacity) {
                    Use old = eldest.next().getValue();
                    eldest.remove();
                    if (dropped(old)) unused.add(old);
                }
            }
            use.users++;
        }
        try {
            closeAll(unused);
        } catch (IOException e) {
            use.close();
            throw e;
        }
        return use;
    }

    /** Closes file {@code file}'s channels (once no thread uses them): it was moved away or may have changed. */
    void drop(int file) throws IOException {
        List<Use> unused = new ArrayList<>(2);
        synchronized (this) {
            for (int key = 2 * file; key <= 2 * file + 1; key++) {
                Use use = open.remove(key);
                if (use != null && dropped(use)) unused.add(use);
            }
        }
        closeAll(unused);
    }

    /** How many files are open now. */
    synchronized int size() {
        return open.size();
    }

    /** Marks {@code use} dropped; true when nobody uses it (close it now). */
    private static boolean dropped(Use use) {
        use.dropped = true;
        return use.users == 0;
    }

    private static void closeAll(List<Use> uses) throws IOException {
        IOException failure = null;
        for (Use use : uses) {
            try {
                use.channel.close();
            } catch (IOException e) {
                failure = e;
            }
        }
        if (failure != null) throw failure;
    }

    @Override
    public void close() throws IOException {
        List<Use> unused = new ArrayList<>();
        synchronized (this) {
            closed = true;
            for (Use use : open.values()) {
                if (dropped(use)) unused.add(use);
            }
            open.clear();
        }
        try {
            closeAll(unused);
        } finally {
            files.close();
        }
    }
}
