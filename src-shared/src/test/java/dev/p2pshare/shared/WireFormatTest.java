package dev.p2pshare.shared;

import dev.p2pshare.shared.control.DownloadInfo;
import dev.p2pshare.shared.control.DownloadRequest;
import dev.p2pshare.shared.tracker.CreateGroup;
import dev.p2pshare.shared.tracker.Credentials;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WireFormatTest {
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void createGroupUsesThePrivateKeyword() {
        assertThat(json.writeValueAsString(new CreateGroup("photos", true))).isEqualTo("{\"name\":\"photos\",\"private\":true}");
        assertThat(json.readValue("{\"name\":\"g\",\"private\":true}", CreateGroup.class).privateOrDefault()).isTrue();
        assertThat(json.readValue("{\"name\":\"g\"}", CreateGroup.class).privateOrDefault()).isFalse();
    }

    @Test
    void manifestHasTheDocumentedShape() {
        String h = "b".repeat(64);
        String s = json.writeValueAsString(new Manifest("a b.txt", 3, Manifest.CHUNK_SIZE, h, List.of(h)));
        assertThat(s).isEqualTo("{\"name\":\"a b.txt\",\"size\":3,\"chunkSize\":524288,\"sha256\":\"" + h
                + "\",\"chunks\":[\"" + h + "\"]}");
    }

    @Test
    void rateLimitsAreOptionalOnTheWire() {
        DownloadRequest request = json.readValue("{\"group\":\"g\",\"fileName\":\"f\",\"dest\":\"/d\"}", DownloadRequest.class);
        assertThat(request.maxRateOrDefault()).isZero();
        DownloadInfo fromAnOlderAgent = json.readValue("{\"id\":\"1\",\"size\":5,\"bytesDone\":0,\"chunksDone\":0,"
                + "\"chunkCount\":1,\"bytesPerSecond\":0,\"peers\":0}", DownloadInfo.class);
        assertThat(fromAnOlderAgent.maxRate()).isZero();
        assertThat(fromAnOlderAgent.filesTotal()).isEqualTo(1);
        assertThat(fromAnOlderAgent.filesDone()).isZero();
    }

    @Test
    void credentialsNeverPrintTheirPassword() {
        assertThat(new Credentials("alice", "pass123").toString()).doesNotContain("pass123");
    }
}
