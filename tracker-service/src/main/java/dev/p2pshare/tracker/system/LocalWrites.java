package dev.p2pshare.tracker.system;

import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionExecution;
import org.springframework.transaction.TransactionExecutionListener;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the write transactions this instance has committed (Spring Boot hands every such listener to the
 * transaction manager), so that a cache can tell a reading taken before the latest write from one taken after
 * it, whatever the write changed: what was read before any later write counts as stale.
 */
@Component
public class LocalWrites implements TransactionExecutionListener {
    private final AtomicLong committed = new AtomicLong();

    /** The writes committed so far: take it before reading, keep the reading while it has not changed. */
    public long count() {
        return committed.get();
    }

    @Override
    public void afterCommit(TransactionExecution transaction, Throwable commitFailure) {
        if (!transaction.isReadOnly()) committed.incrementAndGet();
    }
}
