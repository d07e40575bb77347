package dev.p2pshare.shared.control;

/** {@code POST /control/shares}: share the file at absolute {@code path} into {@code group}. */
public record ShareRequest(String path, String group) {
}
