package dev.p2pshare.agent;

import dev.p2pshare.shared.tracker.SessionToken;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A group on the real tracker and the agents of one test class: members join it, agents stop at the end. */
public final class TestGroup implements AutoCloseable {
    private final TrackerApi tracker;
    private final Path dir;
    private final String name;
    private final List<TestAgent> agents = new ArrayList<>();

    /** Group {@code name} on {@code tracker} (created by {@link #owner}); agents' homes go below {@code dir}. */
    public TestGroup(TrackerProcess tracker, Path dir, String name) {
        this.tracker = new TrackerApi(tracker.url());
        this.dir = dir;
        this.name = name;
    }

    public TrackerApi tracker() {
        return tracker;
    }

    public String name() {
        return name;
    }

    /** A new account that owns the group (call once). */
    public SessionToken owner(String username) {
        SessionToken token = tracker.newUser(username);
        tracker.createGroup(token, name);
        return token;
    }

    /** A new account that joined the group. */
    public SessionToken member(String username) {
        SessionToken token = tracker.newUser(username);
        tracker.join(token, name);
        return token;
    }

    /** A new account that joined the group, and its agent started with {@code settings}. */
    public TestAgent memberAgent(String username, String... settings) {
        return agent(username, member(username), settings);
    }

    public TestAgent agent(String username, SessionToken token, String... settings) {
        TestAgent agent = TestAgent.start(dir.resolve(username + "/.p2p"), username, token, tracker.url(), settings);
        agents.add(agent);
        return agent;
    }

    /** Closes {@code agent} if it runs and starts it again on the same home and settings. */
    public TestAgent restart(TestAgent agent) {
        agents.remove(agent);
        agent.close();
        TestAgent again = agent.restart();
        agents.add(again);
        return again;
    }

    @Override
    public void close() {
        for (TestAgent agent : agents) agent.close();
    }
}
