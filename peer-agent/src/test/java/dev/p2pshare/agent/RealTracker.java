package dev.p2pshare.agent;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands test classes the one real tracker of the test run: started on first use, stopped (its
 * process, by handle) when the run ends.
 */
public final class RealTracker implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RealTracker.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TrackerProcess.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).computeIfAbsent("tracker", key -> {
            try {
                return TrackerProcess.start();
            } catch (Exception e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }, TrackerProcess.class);
    }
}
