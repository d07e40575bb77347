/**
 * Wire records of the tracker's REST API ({@code /api/...}). Field names are the JSON names.
 */
package dev.p2pshare.shared.tracker;
