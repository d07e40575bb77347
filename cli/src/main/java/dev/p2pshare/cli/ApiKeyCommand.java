package dev.p2pshare.cli;

import dev.p2pshare.shared.tracker.ApiKeyInfo;
import dev.p2pshare.shared.tracker.CreateApiKey;
import dev.p2pshare.shared.tracker.NewApiKey;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code p2p api_key create|list|revoke}: keys for scripts and headless machines, used instead of a password
 * through {@code P2P_API_KEY}. Managing them needs a password login in this folder.
 */
@Command(name = "api_key", aliases = "api-key", mixinStandardHelpOptions = true,
        description = {"Create, list and revoke API keys: bearer keys for scripts and headless machines.",
                "A key works instead of a password (P2P_API_KEY=<key> p2p login), limited to the groups it names "
                        + "(--group; none: all your groups), read-only if asked (downloads and listings only), "
                        + "until it expires or is revoked. Managing keys needs a password login."},
        subcommands = {ApiKeyCommand.Create.class, ApiKeyCommand.ListKeys.class, ApiKeyCommand.Revoke.class},
        footerHeading = P2pCommand.EXAMPLE, footer = {
                "  p2p api_key create --name backup --group photos --read-only --expires 90d",
                "  p2p api_key list",
                "  p2p api_key revoke backup"})
final class ApiKeyCommand implements Runnable {
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'").withZone(ZoneOffset.UTC);

    @ParentCommand
    private P2pCommand p2p;

    @Spec
    private CommandSpec spec;

    /** {@code p2p api_key} alone. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: create, list or revoke");
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = {"Create an API key and print it, this once: store it right away.",
                    "The tracker keeps only a hash of it; a lost key cannot be shown again, only revoked and replaced."},
            footerHeading = P2pCommand.EXAMPLE, footer = {
                    "  p2p api_key create --name backup --group photos --read-only --expires 90d",
                    "  p2p api_key create --name nas --expires 1y    (all your groups, may share and seed)"})
    static final class Create implements Callable<Integer> {
        @ParentCommand
        private ApiKeyCommand parent;

        @Option(names = "--name", required = true, paramLabel = "<name>",
                description = "The key's name, to list and revoke it by: 1-64 letters, digits, '.', '_', '-'.")
        private String name;

        @Option(names = "--group", paramLabel = "<group>",
                description = "A group the key may reach; repeat for more. Left out: every group you reach.")
        private List<String> groups = new ArrayList<>();

        @Option(names = "--read-only", description = "List, see and download only: no sharing, seeding or group changes.")
        private boolean readOnly;

        @Option(names = "--expires", paramLabel = "<time>", converter = Lifetime.class,
                description = "How long the key works: <n>m, <n>h, <n>d, <n>w or <n>y (e.g. 90d), or an ISO-8601 "
                        + "duration (P90D). Left out: until revoked.")
        private String ttl;

        @Override
        public Integer call() {
            P2pCommand p2p = parent.p2p;
            NewApiKey created = p2p.sessionTracker().createApiKey(new CreateApiKey(name, groups, readOnly, null, ttl));
            p2p.output().print(created, "Created API key " + name + " (" + describe(created.info()) + "):\n"
                    + created.key() + "\n"
                    + "Store it now (a password manager, or a 0600 file): it is not shown again. "
                    + "Use it with P2P_API_KEY=<key> p2p login, or as Authorization: Bearer <key>.");
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List your API keys (never the keys themselves): groups, access, expiry, last use.",
            footerHeading = P2pCommand.EXAMPLE, footer = "  p2p api_key list")
    static final class ListKeys implements Callable<Integer> {
        @ParentCommand
        private ApiKeyCommand parent;

        @Override
        public Integer call() {
            List<ApiKeyInfo> keys = parent.p2p.sessionTracker().apiKeys();
            parent.p2p.output().print(keys, table(keys, Instant.now()));
            return ExitCodes.OK;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = {"Revoke an API key: every later call with it is refused (401).",
                    "An agent running with it stops getting grants and seeding at its next tracker call."},
            footerHeading = P2pCommand.EXAMPLE, footer = "  p2p api_key revoke backup")
    static final class Revoke implements Callable<Integer> {
        @ParentCommand
        private ApiKeyCommand parent;

        @Parameters(index = "0", paramLabel = "<name>", description = "The key's name, as `p2p api_key list` shows it.")
        private String name;

        @Override
        public Integer call() {
            parent.p2p.sessionTracker().revokeApiKey(name);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("name", name);
            result.put("revoked", true);
            parent.p2p.output().print(result, "Revoked API key " + name);
            return ExitCodes.OK;
        }
    }

    static String table(List<ApiKeyInfo> keys, Instant now) {
        if (keys.isEmpty()) return "No API keys; create one with `p2p api_key create --name <name>`.";
        Table table = new Table("NAME", "GROUPS", "ACCESS", "CREATED", "EXPIRES", "LAST USED");
        for (ApiKeyInfo key : keys) {
            String expires = key.expiresAt() == null ? "never"
                    : key.expiresAt().isAfter(now) ? time(key.expiresAt()) : "expired " + time(key.expiresAt());
            table.row(key.name(), groups(key), key.readOnly() ? "read-only" : "read-write", time(key.createdAt()), expires,
                    key.lastUsedAt() == null ? "never" : time(key.lastUsedAt()));
        }
        return table.render();
    }

    private static String describe(ApiKeyInfo key) {
        return "groups " + groups(key) + ", " + (key.readOnly() ? "read-only" : "read-write") + ", "
                + (key.expiresAt() == null ? "no expiry" : "expires " + time(key.expiresAt()));
    }

    private static String groups(ApiKeyInfo key) {
        return key.groups().isEmpty() ? "all" : String.join(",", key.groups());
    }

    private static String time(Instant instant) {
        return MINUTES.format(instant);
    }

    /** {@code --expires}: a short lifetime such as 90d, or an ISO-8601 duration, sent as the latter. */
    static final class Lifetime implements CommandLine.ITypeConverter<String> {
        private static final Pattern SHORT = Pattern.compile("(\\d{1,6})([mhdwy])");

        @Override
        public String convert(String value) {
            Matcher m = SHORT.matcher(value.strip().toLowerCase(Locale.ROOT));
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                return switch (m.group(2)) {
                    case "m" -> "PT" + n + "M";
                    case "h" -> "PT" + n + "H";
                    case "d" -> "P" + n + "D";
                    case "w" -> "P" + (n * 7) + "D";
                    default -> "P" + (n * 365) + "D";
                };
            }
            if (value.toUpperCase(Locale.ROOT).startsWith("P")) return value.toUpperCase(Locale.ROOT);
            throw new CommandLine.TypeConversionException("'" + value + "' is not a lifetime such as 30m, 12h, 90d, 2w, 1y or P90D");
        }
    }
}
