package io.qrescue.recovery.vm.job;

import java.util.Map;
import java.util.TreeMap;

/**
 * A job for the appliance: the shell script run as /job/run.sh (working directory /job; $QRES is the results
 * directory, $QOUT the raw output disk) and input files placed under /job by relative path.
 */
public record Job(String script, Map<String, byte[]> inputs) {

    public Job {
        if (script == null || script.isBlank()) {
            throw new IllegalArgumentException("a job needs a script");
        }
        inputs = Map.copyOf(inputs);
        for (String name : inputs.keySet()) {
            if (name.startsWith("/") || name.contains("..") || name.equals("run.sh") || name.isBlank()) {
                throw new IllegalArgumentException("job input name must be relative, without '..', not run.sh: " + name);
            }
        }
    }

    /** A job without input files. */
    public static Job of(String script) {
        return new Job(script, Map.of());
    }

    /** The inputs in name order (the order they are written to the job disk). */
    public TreeMap<String, byte[]> sortedInputs() {
        return new TreeMap<>(inputs);
    }
}
