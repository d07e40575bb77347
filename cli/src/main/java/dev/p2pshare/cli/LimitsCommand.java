package dev.p2pshare.cli;

import dev.p2pshare.shared.ByteRates;
import dev.p2pshare.shared.control.DownloadInfo;
import dev.p2pshare.shared.control.DownloadState;
import dev.p2pshare.shared.control.TransferLimits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "limits", mixinStandardHelpOptions = true,
        description = {"Show or change the agent's bandwidth limits while it runs.",
                "Without options, shows the limits and every download's own limit. --down and --up change the "
                        + "limits over all downloads and all uploads together; 0 or `unlimited` removes one. "
                        + "--download <id> <rate> changes one download's own limit (it obeys the agent's too).",
                "Rates: 500KB, 5MB, 1.5MiB per second. " + RateConverter.UNITS,
                "The agent starts with p2p.agent.max-download-rate and max-upload-rate (application.yml); "
                        + "changes last until it stops."},
        footerHeading = P2pCommand.EXAMPLE, footer = {"  p2p limits", "  p2p limits --down 20MB --up 5MB",
        "  p2p limits --down unlimited", "  p2p limits --download 3fa9c2d1 1.5MiB"})
final class LimitsCommand implements Callable<Integer> {
    @ParentCommand
    private P2pCommand p2p;

    @Spec
    private CommandSpec spec;

    @Option(names = "--down", paramLabel = "<rate>", converter = RateConverter.class,
            description = "Limit over all downloads together (0 or unlimited: none).")
    private Long down;

    @Option(names = "--up", paramLabel = "<rate>", converter = RateConverter.class,
            description = "Limit over all uploads to peers together (0 or unlimited: none).")
    private Long up;

    @Option(names = "--download", paramLabel = "<id>",
            description = "Change this download's own limit (ids are in `p2p show_downloads --json`) to <rate>.")
    private String download;

    @Parameters(index = "0", arity = "0..1", paramLabel = "<rate>", converter = RateConverter.class,
            description = "The download's new limit, with --download (0 or unlimited: none of its own).")
    private Long downloadRate;

    @Override
    public Integer call() {
        if ((download == null) != (downloadRate == null)) {
            throw new ParameterException(spec.commandLine(), "--download takes a download id and a rate: "
                    + "p2p limits --download <id> <rate>");
        }
        AgentClient agent = p2p.agent();
        Output output = p2p.output();
        if (download != null) {
            DownloadInfo limited = agent.limitDownload(download, downloadRate);
            output.print(limited, "Download " + limited.id() + " (" + limited.fileName() + "): "
                    + ByteRates.format(limited.maxRate()) + " of its own");
            if (down == null && up == null) return ExitCodes.OK;
        }
        TransferLimits limits = down == null && up == null ? agent.limits()
                : agent.changeLimits(new TransferLimits(down, up, null));
        List<DownloadInfo> own = agent.downloads().stream()
                .filter(d -> d.maxRate() > 0 && d.state() != DownloadState.COMPLETE).toList();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("limits", limits);
        result.put("downloads", own.stream().map(d -> Map.of("id", d.id(), "fileName", d.fileName(),
                "maxRate", d.maxRate())).toList());
        output.print(result, text(limits, own));
        return ExitCodes.OK;
    }

    static String text(TransferLimits limits, List<DownloadInfo> own) {
        StringBuilder text = new StringBuilder();
        text.append(String.format("%-11s%s%n", "Downloads:", ByteRates.format(rate(limits.maxDownloadRate()))));
        text.append(String.format("%-11s%s%n", "Uploads:", ByteRates.format(rate(limits.maxUploadRate()))));
        if (Boolean.FALSE.equals(limits.limitLocalPeers())) {
            text.append("Peers on loopback and the local network are not limited.\n");
        }
        for (DownloadInfo download : own) {
            text.append("  download ").append(download.id()).append(' ').append(download.group()).append(' ')
                    .append(download.fileName()).append(": ").append(ByteRates.format(download.maxRate())).append('\n');
        }
        return text.toString().stripTrailing();
    }

    /** One line for {@code p2p status}: {@code download 20 MB/s, upload unlimited}. */
    static String summary(TransferLimits limits) {
        return "download " + ByteRates.format(rate(limits.maxDownloadRate())) + ", upload "
                + ByteRates.format(rate(limits.maxUploadRate()))
                + (Boolean.FALSE.equals(limits.limitLocalPeers()) ? " (local peers unlimited)" : "");
    }

    private static long rate(Long bytesPerSecond) {
        return bytesPerSecond == null ? 0 : bytesPerSecond;
    }
}
