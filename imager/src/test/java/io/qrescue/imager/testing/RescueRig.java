package io.qrescue.imager.testing;

import io.qrescue.imager.device.BlockDevice;
import io.qrescue.imager.device.FaultModel;
import io.qrescue.imager.device.FaultModelDevice;
import io.qrescue.imager.output.MemoryOutputImage;
import io.qrescue.imager.rescue.RescueListener;
import io.qrescue.imager.rescue.RescueResult;
import io.qrescue.imager.rescue.Rescuer;
import io.qrescue.imager.rescue.log.ReadsLog;
import io.qrescue.imager.time.VirtualClock;
import io.qrescue.mapfile.BlockStatus;
import io.qrescue.mapfile.Mapfile;
import io.qrescue.mapfile.MapfileException;
import io.qrescue.mapfile.MapfileReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Runs our rescuer the way a test-mode ddrescue command would run: the input is a {@link FaultModelDevice} over
 * a source, the output and the mapfile persist between steps in memory, the reads log goes to a string.
 */
public final class RescueRig {

    private final BlockDevice source;
    private final MemoryOutputImage output = new MemoryOutputImage();
    private final VirtualClock clock = new VirtualClock();
    private final int queueDepth;
    private String mapText; // the mapfile "on disk"; null = absent

    public RescueRig(BlockDevice source) {
        this(source, 1);
    }

    /** A rig whose rescues keep up to {@code queueDepth} reads in flight. */
    public RescueRig(BlockDevice source, int queueDepth) {
        this.source = source;
        this.queueDepth = queueDepth;
    }

    /** One step's outcome. */
    public record StepResult(RescueResult result, String readsLog, String mapText) {
    }

    /** Starts from an existing mapfile. */
    public void setMapText(String text) {
        this.mapText = text;
    }

    public String mapText() {
        return mapText;
    }

    public MemoryOutputImage output() {
        return output;
    }

    /**
     * Runs {@code command}; {@code -H} and {@code -m} names are resolved in {@code dir}.
     */
    public StepResult run(DdrescueCommand command, Path dir) throws MapfileException {
        BlockStatus looseFill = command.loose ? BlockStatus.NON_TRIED : null;
        FaultModel model = command.testMap == null ? FaultModel.none()
                : FaultModel.ofTestMap(MapfileReader.read(dir.resolve(command.testMap), looseFill));
        io.qrescue.mapfile.BlockMap domainMap = command.domainMap == null ? null
                : MapfileReader.read(dir.resolve(command.domainMap), looseFill).blocks();
        BlockDevice input = new FaultModelDevice(source, model, clock);
        Mapfile existing = mapText == null ? null
                : MapfileReader.parse(mapText.getBytes(StandardCharsets.ISO_8859_1), "map.map", null);
        MemoryMapfileSaver saver = new MemoryMapfileSaver();
        StringBuilder reads = new StringBuilder();
        RescueListener log = new ReadsLog(reads, "qrescue test", "2026-01-01 00:00:00", () -> "2026-01-01 00:00:00");
        RescueResult result = Rescuer.builder()
                .options(command.options.build())
                .domainMap(domainMap)
                .input(input)
                .output(output)
                .mapfile(existing, saver.target())
                .listener(log)
                .timeSource(clock)
                .queueDepth(queueDepth)
                .build()
                .run();
        if (saver.lastText() != null) {
            mapText = saver.lastText();
        }
        return new StepResult(result, reads.toString(), saver.lastText());
    }
}
