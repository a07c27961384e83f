package io.qrescue.recovery.vm.appliance;

import java.util.Map;
import java.util.TreeMap;

/**
 * Everything an appliance build depends on: the builder version, the digest of the scripts it ships, the kernel
 * release and the version of every host package it takes files from. Equal stamps mean equal appliances, so a
 * cached build is reused only when its stamp text matches.
 */
public record ApplianceStamp(String builderVersion, String scriptsSha256, String kernelRelease,
                             Map<String, String> packageVersions) {

    public ApplianceStamp {
        packageVersions = Map.copyOf(packageVersions);
    }

    /** The stamp as sorted "key value" lines, the form stored next to the build. */
    public String text() {
        StringBuilder text = new StringBuilder();
        text.append("builder ").append(builderVersion).append('\n');
        text.append("scripts-sha256 ").append(scriptsSha256).append('\n');
        text.append("kernel ").append(kernelRelease).append('\n');
        new TreeMap<>(packageVersions).forEach((name, version) ->
                text.append("package ").append(name).append(' ').append(version).append('\n'));
        return text.toString();
    }
}
