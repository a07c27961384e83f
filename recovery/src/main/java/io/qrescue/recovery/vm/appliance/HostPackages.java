package io.qrescue.recovery.vm.appliance;

import io.qrescue.recovery.vm.HostCommand;
import io.qrescue.recovery.vm.VmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Asks dpkg which of the host packages the appliance needs are installed, and in which version. */
public final class HostPackages {

    private HostPackages() {
    }

    /**
     * Versions of {@code names}; when any is not installed, a {@link VmException} naming all missing ones and the
     * apt-get line that installs them.
     */
    public static Map<String, String> versions(List<String> names) throws VmException {
        List<String> command = new ArrayList<>(List.of("dpkg-query", "-W", "-f=${Package}\\t${Version}\\t${db:Status-Abbrev}\\n"));
        command.addAll(names);
        HostCommand.Result result;
        try {
            result = HostCommand.run(command, Duration.ofSeconds(30));
        } catch (VmException e) {
            throw new VmException("dpkg-query not found: the appliance is built from Debian packages "
                    + "and needs a Debian or Ubuntu host", e);
        }
        Map<String, String> installed = parse(result.stdout());
        List<String> missing = new ArrayList<>();
        Map<String, String> versions = new LinkedHashMap<>();
        for (String name : names) {
            String version = installed.get(name);
            if (version == null) {
                missing.add(name);
            } else {
                versions.put(name, version);
            }
        }
        if (!missing.isEmpty()) {
            throw new VmException(missingMessage(missing));
        }
        return versions;
    }

    /** The one-line error for missing packages. */
    public static String missingMessage(List<String> missing) {
        String list = String.join(" ", missing);
        return "missing host packages: " + list + "; install them: apt-get install " + list;
    }

    /** Package to version for the lines of dpkg-query whose status is "ii" (installed). */
    static Map<String, String> parse(String dpkgQueryOutput) {
        Map<String, String> installed = new LinkedHashMap<>();
        for (String line : dpkgQueryOutput.split("\n")) {
            String[] fields = line.split("\t");
            if (fields.length == 3 && fields[2].trim().startsWith("ii") && !fields[1].isEmpty()) {
                installed.put(fields[0], fields[1]);
            }
        }
        return installed;
    }
}
