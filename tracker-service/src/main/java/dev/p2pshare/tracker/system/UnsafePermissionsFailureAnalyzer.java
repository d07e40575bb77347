package dev.p2pshare.tracker.system;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A start refused for open permissions is told in one line and its fix, without a stack trace. */
class UnsafePermissionsFailureAnalyzer extends AbstractFailureAnalyzer<DataDir.UnsafePermissionsException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DataDir.UnsafePermissionsException cause) {
        return new FailureAnalysis(cause.getMessage(), cause.fix(), cause);
    }
}
