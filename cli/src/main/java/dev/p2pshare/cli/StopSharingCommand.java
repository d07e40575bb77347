package dev.p2pshare.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "stop_sharing", aliases = "stop-sharing", mixinStandardHelpOptions = true,
        description = "Stop sharing a file in a group; the file itself stays where it is.",
        footerHeading = P2pCommand.EXAMPLE, footer = "  p2p stop_sharing photos cat.jpg")
final class StopSharingCommand implements Callable<Integer> {
    @ParentCommand
    private P2pCommand p2p;

    @Parameters(index = "0", paramLabel = "<group>", description = "Group the file is shared in.")
    private String group;

    @Parameters(index = "1", paramLabel = "<fileName>", description = "Name of the shared file.")
    private String fileName;

    @Override
    public Integer call() {
        p2p.agent().stopSharing(group, fileName);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("group", group);
        result.put("fileName", fileName);
        result.put("shared", false);
        p2p.output().print(result, "Stopped sharing " + fileName + " in " + group);
        return ExitCodes.OK;
    }
}
